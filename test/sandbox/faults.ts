import type { ServerResponse } from 'node:http';
import { MESSAGES } from './errors';
import type { ErrorBody } from './errors';

/**
 * 'hang' never answers; 'hold' waits until the test calls `releaseHeld()`, then answers normally (or with
 * `status`, any of the 'status' ones): a request kept open exactly as long as a race needs.
 */
export type FaultKind = 'latency' | 'status' | 'malformedJson' | 'htmlError' | 'reset' | 'hang' | 'hold' | 'body' | 'redirect';

export interface FaultSpec {
  /** e.g. 'GET'; default any. */
  method?: string;
  /** Matched against the route path (no /api/v1 prefix, no .json suffix), e.g. '/users/me'; default any. */
  path?: string | RegExp;
  /** The next N matching requests (default 1); Infinity allowed. */
  times?: number;
  kind: FaultKind;
  /**
   * For 'status' (401, 403, 404, 422, 429, 500, 502, 503, 504), 'htmlError' (default 502), 'body' (default 200)
   * and 'redirect' (301, 302, 303, 307 or 308; default 302).
   */
  status?: number;
  /** For 429: the Retry-After header; omit for none. */
  retryAfterSeconds?: number;
  /** For 'latency': the delay before the request proceeds normally. */
  latencyMs?: number;
  /** For 'body': the answer, sent as JSON (a string is sent as it is, with `contentType`). */
  body?: unknown;
  /** For 'body' with a string body: its content type (default text/plain). */
  contentType?: string;
  /** For 'redirect': the Location header, e.g. another server's URL. */
  location?: string;
}

export const FAULT_STATUSES = [401, 403, 404, 422, 429, 500, 502, 503, 504] as const;
const FAULT_KINDS: readonly FaultKind[] = ['latency', 'status', 'malformedJson', 'htmlError', 'reset', 'hang', 'hold', 'body', 'redirect'];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  401: MESSAGES.invalidToken,
  403: 'You do not have permission to access this resource.',
  404: 'The requested resource could not be found.',
  422: 'The request could not be processed.',
  429: 'Too many requests: rate limit exceeded. Please retry later.',
  500: 'An internal server error occurred.',
  502: 'Bad gateway.',
  503: 'Service is temporarily unavailable. Please try again later.',
  504: 'Gateway timeout.',
};

/** Throws on a spec that could never do what the test meant, rather than silently doing something else. */
export function checkFaultSpec(spec: FaultSpec): void {
  if (!FAULT_KINDS.includes(spec.kind)) {
    throw new Error(`unknown fault kind ${String(spec.kind)}; expected one of ${FAULT_KINDS.join(', ')}`);
  }
  if (spec.kind === 'status' && !FAULT_STATUSES.includes(spec.status as (typeof FAULT_STATUSES)[number])) {
    throw new Error(`a 'status' fault needs status one of ${FAULT_STATUSES.join(', ')}, got ${String(spec.status)}`);
  }
  if (spec.kind === 'hold' && spec.status !== undefined && !FAULT_STATUSES.includes(spec.status as (typeof FAULT_STATUSES)[number])) {
    throw new Error(`a 'hold' fault answers normally or with a status among ${FAULT_STATUSES.join(', ')}, got ${spec.status}`);
  }
  if (spec.kind === 'htmlError' && spec.status !== undefined && (spec.status < 400 || spec.status > 599)) {
    throw new Error(`an 'htmlError' fault needs a 4xx or 5xx status, got ${spec.status}`);
  }
  if (spec.kind === 'body' && spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 200 && spec.status <= 599)) {
    throw new Error(`a 'body' fault needs a status from 200 to 599, got ${spec.status}`);
  }
  if (spec.kind === 'redirect' && (typeof spec.location !== 'string' || (spec.status !== undefined && !REDIRECT_STATUSES.includes(spec.status)))) {
    throw new Error(`a 'redirect' fault needs a location and a status among ${REDIRECT_STATUSES.join(', ')}`);
  }
  if (spec.kind === 'latency' && !(typeof spec.latencyMs === 'number' && spec.latencyMs >= 0)) {
    throw new Error(`a 'latency' fault needs latencyMs >= 0`);
  }
  if (spec.times !== undefined && !(spec.times >= 1)) {
    throw new Error(`times must be at least 1 (or Infinity), got ${spec.times}`);
  }
}

/** Faults waiting for requests, first in first out: each request takes the first fault that matches it. */
export class FaultQueue {
  private pending: { spec: FaultSpec; remaining: number }[] = [];

  add(spec: FaultSpec): void {
    checkFaultSpec(spec);
    this.pending.push({ spec: { ...spec }, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.pending = [];
  }

  /**
   * The first fault for this request, counted as used. `named: true` (photo requests) takes only faults whose
   * `path` names this one, so a fault meant for "the next API request" is never spent on a photo.
   */
  take(method: string, path: string, { named = false }: { named?: boolean } = {}): FaultSpec | undefined {
    const entry = this.pending.find(({ spec }) => (!named || spec.path !== undefined) && matches(spec, method, path));
    if (!entry) {
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.pending.splice(this.pending.indexOf(entry), 1);
    }
    return entry.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  if (spec.path === undefined) {
    return true;
  }
  if (typeof spec.path === 'string') {
    return spec.path === path;
  }
  spec.path.lastIndex = 0; // a /g or /y pattern keeps state between tests
  return spec.path.test(path);
}

/** The error body a faulted status carries, in the documented shape. */
export function faultBody(status: number): ErrorBody {
  const type = status === 401 ? 'oauth' : status === 422 ? 'validation' : 'system';
  return { errors: [{ type, message: STATUS_MESSAGES[status] ?? `HTTP ${status}` }] };
}

/** Writes the response of a fault that answers ('status', 'malformedJson', 'htmlError', 'body', 'redirect'); returns the status sent. */
export function answerFault(spec: FaultSpec, response: ServerResponse): number {
  switch (spec.kind) {
    case 'status': {
      const status = spec.status ?? 500;
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (status === 429 && spec.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(spec.retryAfterSeconds);
      }
      if (status === 401) {
        headers['www-authenticate'] = 'Bearer realm="Kantata OX", error="invalid_token"';
      }
      response.writeHead(status, headers).end(JSON.stringify(faultBody(status)));
      return status;
    }
    case 'malformedJson':
      // A body cut off mid-way, as when a proxy drops the end of a response.
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"count": 3, "meta": {"count": 3, "page_count": 1, "page_nu');
      return 200;
    case 'htmlError': {
      const status = spec.status ?? 502;
      const title = `${status} ${status === 504 ? 'Gateway Time-out' : status === 503 ? 'Service Temporarily Unavailable' : 'Bad Gateway'}`;
      response
        .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
      return status;
    }
    case 'body': {
      const status = spec.status ?? 200;
      const text = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
      const contentType = typeof spec.body === 'string' ? (spec.contentType ?? 'text/plain; charset=utf-8') : 'application/json; charset=utf-8';
      response.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) }).end(text);
      return status;
    }
    case 'redirect': {
      const status = spec.status ?? 302;
      response.writeHead(status, { location: spec.location ?? '/', 'content-length': '0' }).end();
      return status;
    }
    default:
      throw new Error(`fault ${spec.kind} does not answer`);
  }
}
