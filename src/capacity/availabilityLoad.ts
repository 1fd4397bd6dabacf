/**
 * Loads the capacity of many people for one range: one request per person for the whole range, at most
 * `concurrency` in flight, answers from the cache first, each answer or failure reported as it comes, so a
 * grid fills in row by row. Cancel stops what is queued and in flight; Retry asks again for some people.
 * Pure (no `vscode`): unit tests run it against the sandbox over HTTP.
 */
import { RequestSlots } from '../kantata/requestSlots';
import type { Capacity } from '../kantata/types';
import type { CapacityCache, CapacityFetcher } from './capacityCache';
import type { DateRange } from './capacityRange';

export type PersonLoadState = 'queued' | 'loading' | 'done' | 'failed' | 'cancelled';

export interface AvailabilityProgress {
  /** People whose answer is in, or who failed. */
  readonly done: number;
  readonly failed: number;
  readonly total: number;
  /** Nobody is queued or loading. */
  readonly finished: boolean;
  /** Someone was left without an answer by Cancel. */
  readonly cancelled: boolean;
}

export interface AvailabilityLoadOptions {
  readonly accountId: string;
  readonly fetcher: CapacityFetcher;
  readonly cache: CapacityCache;
  readonly range: DateRange;
  /** Requests in flight at most. */
  readonly concurrency: number;
  /** Ask Kantata even for answers in the cache (Refresh). */
  readonly fresh?: boolean;
}

export interface AvailabilityLoadEvents {
  /** Cached answers first (in one go, before any request), then answers as they arrive. */
  readonly onAnswers: (answers: readonly { readonly userId: string; readonly capacity: Capacity }[]) => void;
  readonly onFailure: (userId: string, error: unknown) => void;
  readonly onProgress: (progress: AvailabilityProgress) => void;
}

export class AvailabilityLoad {
  private readonly states = new Map<string, PersonLoadState>();
  private readonly queue: string[] = [];
  private readonly slots: RequestSlots;
  private controller = new AbortController();
  private lanes = 0;
  private idle: (() => void)[] = [];

  constructor(
    userIds: readonly string[],
    private readonly options: AvailabilityLoadOptions,
    private readonly events: AvailabilityLoadEvents,
  ) {
    userIds.forEach((userId) => this.states.set(userId, 'queued'));
    this.slots = new RequestSlots(options.concurrency);
  }

  /** Serves what the cache has, then starts the requests for the others. */
  start(): void {
    const cached: { userId: string; capacity: Capacity }[] = [];
    for (const userId of this.states.keys()) {
      const capacity = this.options.fresh ? undefined : this.options.cache.lookup(this.options.accountId, userId, this.options.range);
      if (capacity) {
        this.states.set(userId, 'done');
        cached.push({ userId, capacity });
      } else {
        this.queue.push(userId);
      }
    }
    if (cached.length > 0) {
      this.events.onAnswers(cached);
    }
    this.pump();
    this.events.onProgress(this.progress);
  }

  /** Asks again for these people (failed or cancelled ones; the others are left as they are). */
  retry(userIds: readonly string[]): void {
    if (this.controller.signal.aborted) {
      this.controller = new AbortController();
    }
    for (const userId of userIds) {
      const state = this.states.get(userId);
      if (state === 'failed' || state === 'cancelled') {
        this.states.set(userId, 'queued');
        this.queue.push(userId);
      }
    }
    this.pump();
    this.events.onProgress(this.progress);
  }

  /** The people whose last request failed or was cancelled. */
  get unanswered(): string[] {
    return [...this.states].filter(([, state]) => state === 'failed' || state === 'cancelled').map(([userId]) => userId);
  }

  /** Stops every queued and running request; their people are marked cancelled. */
  cancel(): void {
    if (this.controller.signal.aborted) {
      return;
    }
    this.controller.abort();
    this.queue.length = 0;
    for (const [userId, state] of this.states) {
      if (state === 'queued' || state === 'loading') {
        this.states.set(userId, 'cancelled');
      }
    }
    this.events.onProgress(this.progress);
  }

  get progress(): AvailabilityProgress {
    let done = 0;
    let failed = 0;
    let busy = 0;
    let cancelled = 0;
    for (const state of this.states.values()) {
      done += state === 'done' || state === 'failed' ? 1 : 0;
      failed += state === 'failed' ? 1 : 0;
      busy += state === 'queued' || state === 'loading' ? 1 : 0;
      cancelled += state === 'cancelled' ? 1 : 0;
    }
    return { done, failed, total: this.states.size, finished: busy === 0, cancelled: cancelled > 0 };
  }

  /** Resolves when no request is running (at once if none is). */
  whenIdle(): Promise<void> {
    return this.lanes === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    // A lane takes its first person before its first await, so each one started shortens the queue.
    while (this.lanes < this.options.concurrency && this.queue.length > 0) {
      this.lanes++;
      void this.lane(this.controller).finally(() => {
        if (--this.lanes === 0) {
          this.idle.splice(0).forEach((resolve) => resolve());
        }
      });
    }
  }

  /** Takes people off the queue one after another until it is empty or the load is cancelled. */
  private async lane(controller: AbortController): Promise<void> {
    const { accountId, fetcher, cache, range, fresh } = this.options;
    for (let userId = this.queue.shift(); userId !== undefined && !controller.signal.aborted; userId = this.queue.shift()) {
      this.states.set(userId, 'loading');
      try {
        const capacity = await cache.fetch(accountId, fetcher, userId, range, { signal: controller.signal, slots: this.slots, fresh });
        this.states.set(userId, 'done');
        this.events.onAnswers([{ userId, capacity }]);
      } catch (error) {
        if (controller.signal.aborted) {
          this.states.set(userId, 'cancelled');
          continue;
        }
        this.states.set(userId, 'failed');
        this.events.onFailure(userId, error);
      }
      this.events.onProgress(this.progress);
    }
  }
}
