/**
 * Which Kantata user each address belongs to, asked once per address per account for the session: a file's
 * second look, and other files by the same people, cost no request. Only the addresses not known yet are
 * asked for, all in one `listUsersByEmailAddresses` (which batches them 200 a request). Kantata's reference
 * does not say whether the match ignores case (the sandbox's does not): each address is sent as git wrote it
 * and lower-cased, and the answers are matched here on the lower-cased address. Pure: no `vscode`.
 */
import type { User } from '../kantata/types';

/** What the matcher asks: the client's listUsersByEmailAddresses, bound to the selection the view shows. */
export type EmailLookup = (addresses: readonly string[], signal: AbortSignal | undefined) => Promise<readonly User[]>;

export class EmailMatches {
  /** `account\u0000lower-cased address` → the user, or null for no match. */
  private readonly known = new Map<string, User | null>();

  /**
   * The users of `addresses` (by lower-cased address; none for no match), asking Kantata about the unknown
   * ones. A failed or aborted lookup throws and remembers nothing, so the next look asks again.
   */
  async match(accountId: string, addresses: readonly string[], lookup: EmailLookup, signal?: AbortSignal): Promise<Map<string, User>> {
    const keys = [...new Set(addresses.map((address) => address.trim().toLowerCase()).filter(Boolean))];
    const unknown = addresses.filter((address) => !this.known.has(this.keyOf(accountId, address.trim().toLowerCase())));
    if (unknown.length > 0) {
      const sent = [...new Set(unknown.flatMap((address) => [address.trim(), address.trim().toLowerCase()]))];
      const users = await lookup(sent, signal);
      const byAddress = new Map<string, User>();
      for (const user of users) {
        if (user.emailAddress) {
          byAddress.set(user.emailAddress.trim().toLowerCase(), user);
        }
      }
      for (const address of unknown) {
        const key = address.trim().toLowerCase();
        this.known.set(this.keyOf(accountId, key), byAddress.get(key) ?? null);
      }
    }
    const matches = new Map<string, User>();
    for (const key of keys) {
      const user = this.known.get(this.keyOf(accountId, key));
      if (user) {
        matches.set(key, user);
      }
    }
    return matches;
  }

  /** Forgets every answer (the account changed). */
  clear(): void {
    this.known.clear();
  }

  private keyOf(accountId: string, key: string): string {
    return `${accountId}\u0000${key}`;
  }
}
