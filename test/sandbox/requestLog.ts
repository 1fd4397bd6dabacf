import { performance } from 'node:perf_hooks';

export interface RecordedRequest {
  id: number;
  method: string;
  /** As received, without the query, e.g. /api/v1/users (a .json suffix is kept). */
  path: string;
  /** Raw query values; a repeated name keeps its last value. */
  query: Record<string, string>;
  rawQuery: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON; for multipart `{fields, files: {field, filename, contentType, size}[]}`; raw text; or undefined. */
  body: unknown;
  /** The status sent; 0 for a reset or hung request. */
  status: number;
  /** performance.now() milliseconds, to observe parallelism. */
  startedAt: number;
  finishedAt: number;
}

/** The API requests seen, and how many were in flight at once. */
export class RequestLog {
  private list: RecordedRequest[] = [];
  private nextId = 1;
  private readonly open = new Set<RecordedRequest>();
  private peak = 0;

  get requests(): readonly RecordedRequest[] {
    return this.list;
  }

  start(fields: Pick<RecordedRequest, 'method' | 'path' | 'query' | 'rawQuery' | 'headers'>): RecordedRequest {
    const record: RecordedRequest = { id: this.nextId++, ...fields, body: undefined, status: 0, startedAt: performance.now(), finishedAt: 0 };
    this.list.push(record);
    this.open.add(record);
    this.peak = Math.max(this.peak, this.open.size);
    return record;
  }

  /** Idempotent: called when the response is sent, and again when its connection closes. */
  finish(record: RecordedRequest): void {
    if (this.open.delete(record)) {
      record.finishedAt = performance.now();
    }
  }

  /** Forgets the requests seen so far; the peak restarts from what is in flight now. */
  clear(): void {
    this.list = [];
    this.peak = this.open.size;
  }

  maxConcurrent(): number {
    return this.peak;
  }
}
