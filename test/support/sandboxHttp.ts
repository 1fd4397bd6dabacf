import * as assert from 'node:assert/strict';
import type { Sandbox } from '../sandbox/server';
import { validateErrorBody, validateResponse } from './openapiCheck';

/** Test helpers that talk to a sandbox over real HTTP (node's fetch), as a client would. */

export interface WireEnvelope {
  readonly count: number;
  readonly meta: { readonly count: number; readonly page_count: number; readonly page_number: number; readonly page_size: number };
  readonly results: readonly { readonly key: string; readonly id: string }[];
  readonly [key: string]: unknown;
}

/** A user object as sent; the optional and association fields are there only when asked for. */
export interface WireUser {
  readonly id: string;
  readonly full_name: string;
  readonly email_address: string;
  readonly headline: string;
  readonly photo_path: string;
  readonly [field: string]: unknown;
}

export interface WireError {
  readonly errors: readonly { readonly type: string; readonly message: string; readonly field?: string }[];
}

export interface CallOptions {
  readonly method?: string;
  /** Defaults to the admin token; null sends no Authorization header. */
  readonly token?: string | null;
  /** Sent as JSON unless it is a string, Buffer or FormData. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
  /**
   * Every answer is checked against the OpenAPI description unless this is false (use it for answers that
   * are deliberately not Kantata's: faults, unknown routes, wrong methods).
   */
  readonly conform?: boolean;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  readonly json: unknown;
}

/** Calls `${sandbox.baseUrl}${path}` (path with its query, e.g. `/users?page=2`). */
export async function call(sandbox: Sandbox, path: string, options: CallOptions = {}): Promise<CallResult> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? sandbox.adminToken : options.token;
  if (token !== null) {
    headers.authorization = `Bearer ${token}`;
  }
  let body: string | Buffer | FormData | undefined;
  if (typeof options.body === 'string' || Buffer.isBuffer(options.body) || options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${sandbox.baseUrl}${path}`, { method, headers, body, signal: options.signal });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  const result: CallResult = { status: response.status, headers: response.headers, text, json };
  if (options.conform !== false) {
    assertConforms(method, path, result);
  }
  return result;
}

/** The answer matches the description for its operation and status (or the Errors schema where the status is not described). */
export function assertConforms(method: string, path: string, result: CallResult): void {
  const operation = { method, path: `/api/v1${path.split('?')[0]}` };
  let problems = validateResponse(operation, result.status, result.json);
  if (problems.length === 1 && problems[0]!.includes('not described for')) {
    // The description lists 200, 400, 401, 403, 404, 422 and 503; Kantata also sends 405 and 429 (and 5xx)
    // in the documented error shape, so those are held to the Errors schema.
    problems = result.status >= 400 ? validateErrorBody(result.json) : problems;
  }
  assert.deepEqual(problems, [], `${method} ${path} → ${result.status} does not match the OpenAPI description`);
}

export function envelopeOf(result: CallResult, status = 200): WireEnvelope {
  assert.equal(result.status, status, `expected ${status}, got ${result.status}: ${result.text.slice(0, 500)}`);
  const body = result.json as WireEnvelope;
  assert.equal(typeof body.count, 'number', 'an envelope has a count');
  assert.ok(Array.isArray(body.results), 'an envelope has results');
  return body;
}

/** The top-level map under `key` (e.g. `users`, `roles`). */
export function objectsOf<T = Record<string, unknown>>(body: WireEnvelope, key: string): Record<string, T> {
  const objects = body[key];
  assert.ok(typeof objects === 'object' && objects !== null, `no top-level "${key}"`);
  return objects as Record<string, T>;
}

/** The matched objects in `results` order. */
export function matches<T = WireUser>(body: WireEnvelope): T[] {
  return body.results.map((result) => {
    const object = objectsOf<T>(body, result.key)[result.id];
    assert.ok(object, `${result.key}/${result.id} is in results but not under "${result.key}"`);
    return object;
  });
}

export function errorsOf(result: CallResult, status: number): WireError['errors'] {
  assert.equal(result.status, status, `expected ${status}, got ${result.status}: ${result.text.slice(0, 500)}`);
  const body = result.json as WireError;
  assert.ok(Array.isArray(body?.errors) && body.errors.length > 0, `expected {"errors": [...]}, got ${result.text.slice(0, 300)}`);
  for (const error of body.errors) {
    assert.ok(['oauth', 'system', 'validation'].includes(error.type), `error type ${error.type}`);
    assert.equal(typeof error.message, 'string');
  }
  return body.errors;
}

/** All users the query matches, read page by page (per_page 200). */
export async function allUsers(sandbox: Sandbox, query = '', token?: string): Promise<WireUser[]> {
  const users: WireUser[] = [];
  for (let page = 1; ; page++) {
    const body = envelopeOf(await call(sandbox, `/users?per_page=200&page=${page}${query ? `&${query}` : ''}`, { token }));
    users.push(...matches(body));
    if (page >= body.meta.page_count) {
      return users;
    }
  }
}

/** The one user of a show route's envelope. */
export function singleUser(result: CallResult): WireUser {
  const body = envelopeOf(result);
  assert.equal(body.results.length, 1);
  return matches(body)[0]!;
}
