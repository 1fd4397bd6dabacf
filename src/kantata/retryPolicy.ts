import { cancelledError, KantataError } from './errors';
import { HttpMethod } from './operations';

/**
 * When a failed request is tried again. Reads are retried on 429, on 502/503/504 and on a reset
 * connection; writes only on 429, which promises that nothing was done. At most `maxAttempts` tries.
 */
export interface RetryOptions {
  readonly maxAttempts: number;
  /** First back-off; doubles each try, with full jitter. */
  readonly baseDelayMs: number;
  /** A `Retry-After` longer than this is reported to the user instead of waited out. */
  readonly maxRetryAfterSeconds: number;
}

export const defaultRetryOptions: RetryOptions = { maxAttempts: 3, baseDelayMs: 500, maxRetryAfterSeconds: 60 };

const retriedServerStatuses = new Set([502, 503, 504]);

/** How long to wait before the next try, or undefined when this error is final. */
export function retryDelayMs(
  method: HttpMethod,
  error: KantataError,
  attempt: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= options.maxAttempts) {
    return undefined;
  }
  const backoff = () => Math.round(random() * options.baseDelayMs * 2 ** (attempt - 1));
  if (error.kind === 'rateLimited') {
    if (error.retryAfterSeconds === undefined) {
      return backoff();
    }
    return error.retryAfterSeconds <= options.maxRetryAfterSeconds ? error.retryAfterSeconds * 1000 : undefined;
  }
  if (method !== 'GET') {
    return undefined;
  }
  const transient =
    (error.kind === 'server' && error.status !== undefined && retriedServerStatuses.has(error.status)) ||
    (error.kind === 'network' && error.code === 'ECONNRESET');
  return transient ? backoff() : undefined;
}

/** `Retry-After` is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  if (/^\s*\d+\s*$/.test(value)) {
    return Number(value);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Waits, or rejects with a `cancelled` error as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
