import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { handleAdminRequest } from './adminApi';
import { MAX_JSON_BODY_BYTES, MAX_UPLOAD_BODY_BYTES, parseBody, readBody, recordedBody } from './body';
import type { ApiResponse, RequestContext } from './context';
import { generateDataset } from './data';
import { ApiError, MESSAGES, notFound, systemError, unauthorized } from './errors';
import { answerFault, FaultQueue } from './faults';
import type { FaultSpec } from './faults';
import { servePhoto } from './photos';
import { RequestLog } from './requestLog';
import type { RecordedRequest } from './requestLog';
import { API_PREFIX, matchRoute, routePath } from './routes';
import { Store } from './store';

export type { FaultKind, FaultSpec } from './faults';
export type { RecordedRequest } from './requestLog';

/** A request for /photos/…: enough to check what a photo download sends (no token, no cookies). */
export interface PhotoRequest {
  readonly method: string;
  /** Without the query. */
  readonly path: string;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface SandboxOptions {
  /** Default 0: a free port. */
  port?: number;
  /**
   * The loopback address to listen on. Default 127.0.0.1. VS Code exempts only the names `localhost` and
   * `127.0.0.1` from its proxy support, so a sandbox on 127.0.0.2 is reached the way a real server is.
   */
  host?: string;
  /**
   * The host name in `origin` and `baseUrl`, when it is not `host`: a name only a proxy resolves (see
   * test/support/connectProxy.ts), for requests that must carry a server name as a real one does.
   */
  hostName?: string;
  /** Exactly how many users the administrator's default GET /users returns; hidden users come on top. Default 140 (about 150 in all). */
  visibleUsers?: number;
  /** Nobody is in a project: the default GET /users returns no one (/users/me still works). */
  emptyAccount?: boolean;
  /** Added to every API request. Default 0. */
  latencyMs?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP: for proxy and CA tests. */
  tls?: { readonly key: string; readonly cert: string };
  /** PRNG seed: the same seed gives the same data, byte for byte. */
  seed?: number;
  /**
   * Also seed one user per hostile string (./hostileStrings.ts: script tags, command links, bidi overrides,
   * 10,000 characters, …) in every text field, visible to the administrator; the others keep their data.
   */
  hostile?: boolean;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT (the host is `hostName` or `host` when given) */
  readonly origin: string;
  /** http://127.0.0.1:PORT/api/v1 (no trailing slash) */
  readonly baseUrl: string;
  /** The requester "me": an account administrator. */
  readonly adminToken: string;
  /** A collaborator who sees only project-mates and gets 403 editing anyone else. */
  readonly memberToken: string;
  readonly adminUserId: string;
  readonly memberUserId: string;
  /** API requests only (not /photos or /__sandbox). */
  readonly requests: readonly RecordedRequest[];
  /** Requests for /photos/… (served without auth, like a CDN), in order; cleared with the API log. */
  readonly photoRequests: readonly PhotoRequest[];
  /** Peak number of API requests in flight since the last reset/clearRequests. */
  maxConcurrent(): number;
  injectFault(fault: FaultSpec): void;
  /** How many requests a 'hold' fault is holding now (one whose client went away is not). */
  readonly heldCount: number;
  /** Lets every request held by a 'hold' fault go on. */
  releaseHeld(): void;
  setLatency(ms: number): void;
  clearRequests(): void;
  /** Faults, request log, latency and data back to the start; hung requests are dropped. */
  reset(): void;
  /** Also destroys hanging and keep-alive sockets, so it never waits on a client. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = new SandboxServer(new Store(generateDataset(options)), options);
  await sandbox.listen(options.port ?? 0);
  return sandbox;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** The faults a photo request can meet (those that answer at once); only faults whose `path` names /photos/…. */
/** An answer ready to write: status, headers and the JSON text with its length in bytes (none for 204s). */
interface SerialisedResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly text?: string;
  readonly bytes: number;
}

function serialise(result: ApiResponse): SerialisedResponse {
  const text = result.body === undefined ? undefined : JSON.stringify(result.body);
  return { status: result.status, headers: result.headers, text, bytes: text === undefined ? 0 : Buffer.byteLength(text) };
}

/** A map that forgets its oldest entry beyond `limit` entries. */
class BoundedCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string): T | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: T): void {
    this.entries.set(key, value);
    if (this.entries.size > this.limit) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}

const ANSWERING_FAULTS: ReadonlySet<FaultSpec['kind']> = new Set(['status', 'malformedJson', 'htmlError', 'body', 'redirect']);

class SandboxServer implements Sandbox {
  private readonly server: http.Server;
  private readonly faults = new FaultQueue();
  private readonly log = new RequestLog();
  private photoLog: PhotoRequest[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sockets = new Set<Socket>();
  /** Requests held open by a 'hang' fault. */
  private readonly hung = new Map<RecordedRequest, http.IncomingMessage>();
  /** Requests held by a 'hold' fault: each one's way on. */
  private held: (() => void)[] = [];
  private latencyMs: number;
  private photoVersion = 1;
  /** Serialised pages of the users listing, by store revision, token and query (see answer()). */
  private readonly pages = new BoundedCache<SerialisedResponse>(64);
  private closed = false;
  private closing: Promise<void> | undefined;
  private port = 0;

  constructor(
    private readonly store: Store,
    private readonly options: SandboxOptions,
  ) {
    this.latencyMs = options.latencyMs ?? 0;
    const handler = (request: http.IncomingMessage, response: http.ServerResponse) => this.route(request, response);
    this.server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
    // The raw TCP connection in both cases (for TLS, 'secureConnection' would come later and miss failed handshakes).
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  get origin(): string {
    return `${this.options.tls ? 'https' : 'http'}://${this.options.hostName ?? this.options.host ?? '127.0.0.1'}:${this.port}`;
  }
  get baseUrl(): string {
    return `${this.origin}${API_PREFIX}`;
  }
  get adminToken(): string {
    return this.store.dataset.adminToken;
  }
  get memberToken(): string {
    return this.store.dataset.memberToken;
  }
  get adminUserId(): string {
    return this.store.dataset.adminUserId;
  }
  get memberUserId(): string {
    return this.store.dataset.memberUserId;
  }
  get requests(): readonly RecordedRequest[] {
    return this.log.requests;
  }
  get photoRequests(): readonly PhotoRequest[] {
    return this.photoLog;
  }

  maxConcurrent(): number {
    return this.log.maxConcurrent();
  }
  injectFault(fault: FaultSpec): void {
    this.faults.add(fault);
  }
  get heldCount(): number {
    return this.held.length;
  }
  releaseHeld(): void {
    const held = this.held;
    this.held = [];
    held.forEach((release) => release());
  }
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }
  clearRequests(): void {
    this.log.clear();
    this.photoLog = [];
  }

  reset(): void {
    for (const [record, request] of this.hung) {
      request.socket.destroy();
      this.log.finish(record);
    }
    this.hung.clear();
    this.releaseHeld();
    this.faults.clear();
    this.log.clear();
    this.photoLog = [];
    this.latencyMs = this.options.latencyMs ?? 0;
    this.store.reset();
  }

  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      this.closed = true;
      this.releaseHeld();
      for (const timer of this.timers) {
        clearTimeout(timer);
      }
      this.timers.clear();
      this.server.close(() => resolve());
      // Hung requests and idle keep-alive connections would otherwise keep close() waiting for clients.
      this.server.closeAllConnections();
      for (const socket of this.sockets) {
        socket.destroy();
      }
    });
    return this.closing;
  }

  private route(request: http.IncomingMessage, response: http.ServerResponse): void {
    const rawUrl = request.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
    const rawQuery = queryStart < 0 ? '' : rawUrl.slice(queryStart + 1);
    if (path.startsWith('/photos/')) {
      this.photoLog.push({ method: request.method ?? 'GET', path, headers: flattenHeaders(request.headers) });
      const fault = this.faults.take(request.method ?? 'GET', path, { named: true });
      if (fault && ANSWERING_FAULTS.has(fault.kind)) {
        answerFault(fault, response);
        return;
      }
      servePhoto(this.store, request, response, path);
      return;
    }
    if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
      void handleAdminRequest(this, request, response, path);
      return;
    }
    const route = routePath(path);
    if (route === undefined) {
      const error = notFound(`Not found: ${path}. The API is under ${API_PREFIX}.`);
      response.writeHead(404, { 'content-type': JSON_TYPE }).end(JSON.stringify(error.body));
      return;
    }
    void this.handleApi(request, response, path, route, rawQuery);
  }

  private async handleApi(request: http.IncomingMessage, response: http.ServerResponse, path: string, route: string, rawQuery: string): Promise<void> {
    const method = request.method ?? 'GET';
    const query = new URLSearchParams(rawQuery);
    const record = this.log.start({ method, path, query: Object.fromEntries(query), rawQuery, headers: flattenHeaders(request.headers) });
    response.once('close', () => {
      this.hung.delete(record);
      this.log.finish(record);
    });
    try {
      const limit = route.endsWith('/profile_photo') ? MAX_UPLOAD_BODY_BYTES : MAX_JSON_BODY_BYTES;
      const body = parseBody(await readBody(request, limit), request.headers['content-type']);
      record.body = recordedBody(body);

      // Faults come before authentication: a proxy or rate limiter answers before Kantata looks at the token.
      const fault = this.faults.take(method, route);
      const delay = this.latencyMs + (fault?.kind === 'latency' ? (fault.latencyMs ?? 0) : 0);
      if (delay > 0) {
        await this.sleep(delay);
      }
      if (this.closed || response.destroyed) {
        return;
      }
      if (fault?.kind === 'reset') {
        request.socket.destroy();
        this.log.finish(record);
        return;
      }
      if (fault?.kind === 'hang') {
        this.hung.set(record, request);
        return;
      }
      if (fault?.kind === 'hold') {
        await new Promise<void>((resolve) => {
          this.held.push(resolve);
          // A client that gives up is no longer held: it leaves the count, and its request is never answered.
          response.once('close', () => {
            this.held = this.held.filter((candidate) => candidate !== resolve);
            resolve();
          });
        });
        if (this.closed || response.destroyed) {
          return;
        }
      }
      if (fault?.kind === 'hold' && fault.status !== undefined) {
        record.status = answerFault({ ...fault, kind: 'status' }, response);
        this.log.finish(record);
        return;
      }
      if (fault && fault.kind !== 'latency' && fault.kind !== 'hold') {
        record.status = answerFault(fault, response);
        this.log.finish(record);
        return;
      }
      this.sendSerialised(response, record, this.answer(request, method, route, rawQuery, () => this.dispatch(request, method, route, query, body)));
    } catch (error) {
      console.error('sandbox: unexpected error', error);
      if (!response.headersSent) {
        this.send(response, record, { status: 500, body: systemError(500, 'An internal server error occurred.').body });
      }
    }
  }

  private dispatch(request: http.IncomingMessage, method: string, route: string, query: URLSearchParams, body: RequestContext['body']): ApiResponse {
    try {
      const match = matchRoute(method, route);
      if (match.kind === 'notFound') {
        throw notFound(`No route matches ${method} ${API_PREFIX}${route}.`);
      }
      const requester = this.authenticate(request.headers.authorization);
      if (match.kind === 'wrongMethod') {
        const error = systemError(405, `${method} is not allowed on ${API_PREFIX}${route}; allowed: ${match.allowed.join(', ')}.`);
        return { status: 405, body: error.body, headers: { allow: match.allowed.join(', ') } };
      }
      const context: RequestContext = {
        store: this.store,
        requester,
        query,
        params: match.params,
        body,
        origin: this.origin,
        nextPhotoVersion: () => ++this.photoVersion,
      };
      return match.handler(context);
    } catch (error) {
      if (error instanceof ApiError) {
        return { status: error.status, body: error.body, headers: error.headers };
      }
      throw error;
    }
  }

  private authenticate(header: string | undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) {
      throw unauthorized(MESSAGES.missingToken);
    }
    const token = match[1];
    if (token === this.adminToken) {
      return this.store.admin;
    }
    if (token === this.memberToken) {
      return this.store.member;
    }
    throw unauthorized(MESSAGES.invalidToken);
  }

  /**
   * The answer, as text: the users listing's pages come from `pages` when the same token asked for the same
   * query at the same store revision (the same bytes, without building and serialising them again), so the
   * benchmarks measure the extension rather than the sandbox, which shares the machine's cores with it.
   */
  private answer(request: http.IncomingMessage, method: string, route: string, rawQuery: string, dispatch: () => ApiResponse): SerialisedResponse {
    const key = method === 'GET' && route === '/users' ? `${this.store.revision} ${request.headers.authorization ?? ''} ${rawQuery}` : undefined;
    const cached = key === undefined ? undefined : this.pages.get(key);
    if (cached) {
      return cached;
    }
    const serialised = serialise(dispatch());
    if (key !== undefined && serialised.status === 200) {
      this.pages.set(key, serialised);
    }
    return serialised;
  }

  private send(response: http.ServerResponse, record: RecordedRequest, result: ApiResponse): void {
    this.sendSerialised(response, record, serialise(result));
  }

  private sendSerialised(response: http.ServerResponse, record: RecordedRequest, result: SerialisedResponse): void {
    record.status = result.status;
    const headers: Record<string, string> = { 'x-request-id': String(record.id), ...result.headers };
    if (result.text === undefined) {
      response.writeHead(result.status, headers).end();
    } else {
      headers['content-type'] = JSON_TYPE;
      headers['content-length'] = String(result.bytes);
      response.writeHead(result.status, headers).end(record.method === 'HEAD' ? undefined : result.text);
    }
    this.log.finish(record);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}
