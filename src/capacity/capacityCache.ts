/**
 * The capacity answers of this session, per account, person and range: Team Availability fills it, and a
 * profile opened afterwards shows its capacity without asking again. A range inside a cached one is served
 * from it (the client keeps exactly the asked days, so the cached answer holds every day of the smaller
 * range). Pure: no `vscode`; the extension clears it when the account changes.
 */
import type { RequestSlots } from '../kantata/requestSlots';
import type { RequestOptions } from '../kantata/client';
import type { Capacity } from '../kantata/types';
import type { DateRange } from './capacityRange';

/** What the cache asks when it has no answer: the client's getCapacity. */
export interface CapacityFetcher {
  getCapacity(id: string, startDate: string, endDate: string, options?: RequestOptions, slots?: RequestSlots): Promise<Capacity>;
}

export interface CapacityFetch {
  readonly signal?: AbortSignal;
  readonly slots?: RequestSlots;
  /** Ask Kantata even when an answer is cached (Refresh). The new answer replaces the cached ones. */
  readonly fresh?: boolean;
}

/** Enough for a 13-week grid of a few thousand people; the oldest answers go first. */
const DEFAULT_MAX_ANSWERS = 5000;

export class CapacityCache {
  /** `account\u0000user` → that person's cached answers, newest last. Map order is use order (oldest first). */
  private readonly answers = new Map<string, Capacity[]>();
  private size = 0;

  constructor(private readonly maxAnswers = DEFAULT_MAX_ANSWERS) {}

  /** A cached answer covering `range`, cut to it; undefined when none does. */
  lookup(accountId: string, userId: string, range: DateRange): Capacity | undefined {
    const key = keyOf(accountId, userId);
    const cached = this.answers.get(key);
    const covering = cached && [...cached].reverse().find((answer) => answer.startDate <= range.start && answer.endDate >= range.end);
    if (!cached || !covering) {
      return undefined;
    }
    // Used again: to the end of the eviction order.
    this.answers.delete(key);
    this.answers.set(key, cached);
    if (covering.startDate === range.start && covering.endDate === range.end) {
      return covering;
    }
    return { startDate: range.start, endDate: range.end, days: covering.days.filter((day) => day.date >= range.start && day.date <= range.end) };
  }

  /** Keeps an answer; answers of the same person it covers are dropped, and so are the oldest beyond the limit. */
  store(accountId: string, userId: string, capacity: Capacity): void {
    const key = keyOf(accountId, userId);
    const before = this.answers.get(key) ?? [];
    const kept = before.filter((answer) => answer.startDate < capacity.startDate || answer.endDate > capacity.endDate);
    this.answers.delete(key);
    this.answers.set(key, [...kept, capacity]);
    this.size += kept.length + 1 - before.length;
    for (const [oldestKey, oldest] of this.answers) {
      if (this.size <= this.maxAnswers) {
        break;
      }
      this.answers.delete(oldestKey);
      this.size -= oldest.length;
    }
  }

  /** The cached answer, or Kantata's (then cached). A failed or cancelled request caches nothing. */
  async fetch(accountId: string, fetcher: CapacityFetcher, userId: string, range: DateRange, options: CapacityFetch = {}): Promise<Capacity> {
    const cached = options.fresh ? undefined : this.lookup(accountId, userId, range);
    if (cached) {
      return cached;
    }
    const capacity = await fetcher.getCapacity(userId, range.start, range.end, { signal: options.signal }, options.slots);
    this.store(accountId, userId, capacity);
    return capacity;
  }

  /** How many answers are kept (for the log and tests). */
  get answerCount(): number {
    return this.size;
  }

  clear(): void {
    this.answers.clear();
    this.size = 0;
  }
}

function keyOf(accountId: string, userId: string): string {
  return `${accountId}\u0000${userId}`;
}
