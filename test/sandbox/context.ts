import type { ParsedBody } from './body';
import type { UserRecord } from './model';
import type { Store } from './store';

/** What a route handler gets: the authenticated requester, the parsed request, and the data. */
export interface RequestContext {
  readonly store: Store;
  readonly requester: UserRecord;
  /** The raw query; handlers parse what they accept (unknown parameters are ignored, as by Kantata). */
  readonly query: URLSearchParams;
  /** Path parameters, e.g. `id`. */
  readonly params: Readonly<Record<string, string>>;
  readonly body: ParsedBody;
  /** `http://127.0.0.1:PORT`, for absolute photo URLs. */
  readonly origin: string;
  /** A new photo version number for every upload, never reused during the server's life (caches bust). */
  nextPhotoVersion(): number;
}

export interface ApiResponse {
  readonly status: number;
  /** Sent as JSON; absent for 204. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (context: RequestContext) => ApiResponse;
