/**
 * Which Kantata user each address belongs to, asked once per address per account for the session: a file's
 * second look, and other files by the same people, cost no request. Only the addresses not known yet are
 * asked for, all in one `listUsersByEmailAddresses` (which batches them 200 a request). Kantata's reference
 * does not say whether the match ignores case (the sandbox's does not): each address is sent as git wrote it
 * and lower-cased, and the answers are matched here on the lower-cased address. A lookup in flight is shared:
 * a caller that gives up (the view moved to another file) stops waiting, but the answer still comes in and is
 * kept, so flicking between files by the same people never asks twice. Pure: no `vscode`.
 */
import { cancelledError } from '../kantata/errors';
import type { User } from '../kantata/types';

/** What the matcher asks: the client's listUsersByEmailAddresses, bound to the selection the view shows. */
export type EmailLookup = (addresses: readonly string[]) => Promise<readonly User[]>;

export class EmailMatches {
  /** `account\u0000lower-cased address` → the user, or null for no match. */
  private readonly known = new Map<string, User | null>();
  /** The same keys → the lookup asking for them now. */
  private readonly pending = new Map<string, Promise<void>>();
  /** Bumped by clear(): a lookup of before it keeps nothing. */
  private generation = 0;

  /**
   * The users of `addresses` (by lower-cased address; none for no match), asking Kantata about the unknown
   * ones. A failed lookup throws and remembers nothing, so the next look asks again; `signal` stops the
   * waiting (with a `cancelled` error), not the lookup.
   */
  async match(accountId: string, addresses: readonly string[], lookup: EmailLookup, signal?: AbortSignal): Promise<Map<string, User>> {
    const byKey = new Map<string, string>();
    for (const address of addresses.map((written) => written.trim()).filter(Boolean)) {
      byKey.set(address.toLowerCase(), byKey.get(address.toLowerCase()) ?? address);
    }
    const unknown = [...byKey].filter(([key]) => !this.known.has(this.keyOf(accountId, key)) && !this.pending.has(this.keyOf(accountId, key)));
    if (unknown.length > 0) {
      this.ask(accountId, unknown, lookup);
    }
    const waits = new Set([...byKey.keys()].flatMap((key) => this.pending.get(this.keyOf(accountId, key)) ?? []));
    await untilAborted(Promise.all(waits), signal);
    const matches = new Map<string, User>();
    for (const key of byKey.keys()) {
      const user = this.known.get(this.keyOf(accountId, key));
      if (user) {
        matches.set(key, user);
      }
    }
    return matches;
  }

  /** Forgets every answer (the account changed). */
  clear(): void {
    this.generation++;
    this.known.clear();
    this.pending.clear();
  }

  /** One lookup for `unknown` ([key, address as written]), pending until it settles. */
  private ask(accountId: string, unknown: readonly (readonly [string, string])[], lookup: EmailLookup): void {
    const generation = this.generation;
    const sent = [...new Set(unknown.flatMap(([key, address]) => [address, key]))];
    const request = lookup(sent).then((users) => {
      const byAddress = new Map(users.filter((user) => user.emailAddress).map((user) => [user.emailAddress.trim().toLowerCase(), user] as const));
      if (generation === this.generation) {
        unknown.forEach(([key]) => this.known.set(this.keyOf(accountId, key), byAddress.get(key) ?? null));
      }
    });
    const settled = request.finally(() => {
      if (generation === this.generation) {
        unknown.forEach(([key]) => this.pending.delete(this.keyOf(accountId, key)));
      }
    });
    // Whoever waits sees a failure; nobody waiting (every caller gave up) is no unhandled rejection.
    settled.catch(() => undefined);
    unknown.forEach(([key]) => this.pending.set(this.keyOf(accountId, key), settled));
  }

  private keyOf(accountId: string, key: string): string {
    return `${accountId}\u0000${key}`;
  }
}

/** `promise`, or a `cancelled` error as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(cancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
