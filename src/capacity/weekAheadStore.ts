/**
 * The week ahead of the people the editor is showing (a project's team, a file's authors, a skill's holders),
 * shared by every view that shows it: each person is asked for once a day per account, answers the grid
 * already has come from the capacity cache without a request, and listeners hear answers as they arrive.
 * Pure (no `vscode`): the extension clears it when the account changes; unit tests run it against the sandbox.
 */
import { todayIso } from '../kantata/isoDate';
import { AvailabilityLoad } from './availabilityLoad';
import type { CapacityCache, CapacityFetcher } from './capacityCache';
import { weekAhead, weekAheadRange, type WeekAhead } from './weekAhead';

export type WeekAheadState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'known'; readonly weekAhead: WeekAhead }
  | { readonly kind: 'failed'; readonly error: unknown };

export interface WeekAheadAccount {
  readonly accountId: string;
  readonly fetcher: CapacityFetcher;
}

export interface WeekAheadStoreOptions {
  readonly cache: CapacityCache;
  /** Requests in flight at most (the Team Availability setting). */
  readonly concurrency: () => number;
  /** Today, `YYYY-MM-DD`; the machine's calendar unless a test fixes it. */
  readonly today?: () => string;
}

type Listener = (userIds: readonly string[]) => void;

export class WeekAheadStore {
  /** `account\u0000day\u0000user` → state; a new day or account starts afresh. */
  private readonly states = new Map<string, WeekAheadState>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly options: WeekAheadStoreOptions) {}

  get(accountId: string, userId: string): WeekAheadState | undefined {
    return this.states.get(this.keyOf(accountId, userId, this.today()));
  }

  /** Tells `listener` which people's state changed. */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Asks for the people not known or loading yet (failed ones again). Resolves when their answers are in;
   * `signal` gives up on them, leaving them unknown for a later request.
   */
  async request(account: WeekAheadAccount, userIds: readonly string[], signal?: AbortSignal): Promise<void> {
    const today = this.today();
    const wanted = [...new Set(userIds)].filter((userId) => {
      const state = this.states.get(this.keyOf(account.accountId, userId, today));
      return state === undefined || state.kind === 'failed';
    });
    if (wanted.length === 0 || signal?.aborted) {
      return;
    }
    wanted.forEach((userId) => this.states.set(this.keyOf(account.accountId, userId, today), { kind: 'loading' }));
    this.changed(wanted);
    const set = (userId: string, state: WeekAheadState) => {
      this.states.set(this.keyOf(account.accountId, userId, today), state);
      this.changed([userId]);
    };
    const load = new AvailabilityLoad(
      wanted,
      { accountId: account.accountId, fetcher: account.fetcher, cache: this.options.cache, range: weekAheadRange(today), concurrency: Math.max(1, this.options.concurrency()) },
      {
        onAnswers: (answers) => answers.forEach(({ userId, capacity }) => set(userId, { kind: 'known', weekAhead: weekAhead(capacity, today) })),
        onFailure: (userId, error) => set(userId, { kind: 'failed', error }),
        onProgress: () => undefined,
      },
    );
    const giveUp = () => {
      load.cancel();
      const dropped = load.unanswered.filter((userId) => this.states.get(this.keyOf(account.accountId, userId, today))?.kind === 'loading');
      dropped.forEach((userId) => this.states.delete(this.keyOf(account.accountId, userId, today)));
      this.changed(dropped);
    };
    signal?.addEventListener('abort', giveUp, { once: true });
    load.start();
    await load.whenIdle();
    signal?.removeEventListener('abort', giveUp);
  }

  /** Forgets every answer (the account changed, or Refresh). */
  clear(): void {
    const userIds = [...this.states.keys()].map((key) => key.split('\u0000')[2] as string);
    this.states.clear();
    this.changed(userIds);
  }

  private changed(userIds: readonly string[]): void {
    if (userIds.length > 0) {
      this.listeners.forEach((listener) => listener(userIds));
    }
  }

  private today(): string {
    return this.options.today?.() ?? todayIso();
  }

  private keyOf(accountId: string, userId: string, day: string): string {
    return `${accountId}\u0000${day}\u0000${userId}`;
  }
}
