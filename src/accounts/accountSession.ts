import { KantataClient } from '../kantata/client';
import { cancelledError, isKantataError, KantataError } from '../kantata/errors';
import { User } from '../kantata/types';
import { StoredAccount } from './accountStore';

/** What an account session needs from the session that made it. */
export interface AccountSessionOwner {
  /** A client for this server and token, whose every request stops when `lifetime` aborts. */
  makeClient(baseUrl: string, token: string, lifetime: AbortSignal): KantataClient;
  /** Kantata rejected this session's token (a 401): acted on only while the session is the active one. */
  tokenRejected(session: AccountSession, error: KantataError): void;
}

/**
 * One signed-in account in this window, from sign-in (or start-up) until it is left: sign-out, a switch to
 * another account, another base URL, or a rejected token. Its client only ever carries its own token to its
 * own server, and ending it aborts everything it still has in flight, a back-off included. Whoever starts
 * work keeps the AccountSession it started with, so nothing can be sent on behalf of the next one.
 */
export class AccountSession {
  private readonly lifetime = new AbortController();
  private currentClient: KantataClient;
  private details: User | undefined;

  constructor(
    readonly account: StoredAccount,
    private readonly token: string,
    private readonly owner: AccountSessionOwner,
  ) {
    this.currentClient = owner.makeClient(account.baseUrl, token, this.lifetime.signal);
  }

  get client(): KantataClient {
    return this.currentClient;
  }

  /** Aborts when the session ends. */
  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  get ended(): boolean {
    return this.lifetime.signal.aborted;
  }

  /** Who Kantata says the token belongs to; undefined until `GET /users/me` has answered. */
  get user(): User | undefined {
    return this.details;
  }

  get userId(): string {
    return this.account.userId;
  }

  get userName(): string {
    return this.details?.fullName ?? this.account.userName;
  }

  /** The token this session sends: a restore compares it with the stored one to see whether it changed. */
  get accessToken(): string {
    return this.token;
  }

  setUser(user: User): void {
    if (user.id === this.account.userId) {
      this.details = user;
    }
  }

  /** After a change of the time-out or the network settings: later requests use a new client. */
  rebuildClient(): void {
    const previous = this.currentClient;
    this.currentClient = this.owner.makeClient(this.account.baseUrl, this.token, this.lifetime.signal);
    previous.dispose();
  }

  /**
   * To be called with any error of a request this session made: a 401 signs this session out if it is still
   * the active one (and only then). Returns true when the error was a rejected token.
   */
  reportFailure(error: unknown): boolean {
    if (!isKantataError(error) || error.kind !== 'unauthorized') {
      return false;
    }
    this.owner.tokenRejected(this, error);
    return true;
  }

  /** Throws a `cancelled` error if the session has ended: the last check before a write. */
  throwIfEnded(): void {
    if (this.ended) {
      throw cancelledError();
    }
  }

  end(): void {
    if (!this.ended) {
      this.lifetime.abort();
      this.currentClient.dispose();
    }
  }
}
