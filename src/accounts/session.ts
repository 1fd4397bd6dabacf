import * as vscode from 'vscode';
import { affectsNetwork, NetworkSettings, readNetworkSettings, affectsConnection, ConnectionSettings, readConnectionSettings } from '../settings/connectionSettings';
import { KantataClient } from '../kantata/client';
import { KantataError } from '../kantata/errors';
import type { NetworkAgents } from '../kantata/networkAgents';
import { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { AccountSession } from './accountSession';
import { accountId, AccountStore, StoredAccount, SecretStorageError } from './accountStore';
import { ContextKeys, Settings } from '../shared/ids';

/**
 * Signed in means this window uses a stored account of the configured base URL. `user` is who Kantata says
 * the token belongs to: unknown until `GET /users/me` answers (at start-up it runs in the background); the
 * account's stored name stands in meanwhile.
 */
export type SessionState =
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'signedIn'; readonly user: User | undefined; readonly account: StoredAccount };

export interface KantataSessionOptions {
  readonly accounts: AccountStore;
  readonly logger: vscode.LogOutputChannel;
  /** The extension's version, for the client's User-Agent. */
  readonly version: string;
  readonly onSecretStorageError: (error: SecretStorageError) => void;
  /** A setting can't be used as it is; the message says which and why. */
  readonly onSettingsProblem: (message: string) => void;
}

/** A sign-in whose token was checked against one server, finished after the base URL moved to another. */
export class BaseUrlChangedError extends Error {
  constructor(
    readonly checkedBaseUrl: string,
    readonly currentBaseUrl: string,
    tokenStored: boolean,
  ) {
    super(
      tokenStored
        ? vscode.l10n.t(
            'The Kantata base URL changed to {0} while the token for {1} was being checked. The token was kept only for {1} and was not sent to {0}: sign in again for the new server.',
            currentBaseUrl,
            checkedBaseUrl,
          )
        : vscode.l10n.t(
            'The Kantata base URL changed to {0} while the token for {1} was being checked. The token was not stored and was not sent to {0}: sign in again for the new server.',
            currentBaseUrl,
            checkedBaseUrl,
          ),
    );
    this.name = 'BaseUrlChangedError';
  }
}

/**
 * Which Kantata account this window works in, and the client that talks to it. The configured base URL says
 * which server; for that server the window uses one of the stored accounts (the one chosen last) or none.
 * Every change of account, server or sign-in ends the active AccountSession, which aborts what it had in
 * flight; work started under a session keeps that session, so it can never reach another server or account.
 */
export class KantataSession extends DisposableStore {
  private settings: ConnectionSettings;
  private network: NetworkSettings;
  private active: AccountSession | undefined;
  /** Bumped by every change of the active account: a restore that finishes after one is stale. */
  private generation = 0;
  private lastRestore: Promise<void> = Promise.resolve();
  /** The stored account whose token the latest restore is reading, until it has been read. */
  private reading: { readonly generation: number; readonly account: StoredAccount } | undefined;
  /** Accounts whose token this window is storing: their own change events are not news. */
  private readonly saving = new Set<string>();

  private readonly stateEmitter = this.register(new vscode.EventEmitter<SessionState>());
  /** Fires after the state changes: signed in or out, another account, or the user's details became known. */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly accountEmitter = this.register(new vscode.EventEmitter<AccountSession | undefined>());
  /** Fires when the active account session was replaced or ended: data shown for the old one is stale. */
  readonly onDidChangeAccount = this.accountEmitter.event;
  private readonly connectionEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the time-out or the network settings changed for the same account: load again. */
  readonly onDidChangeConnection = this.connectionEmitter.event;
  private readonly rejectedEmitter = this.register(new vscode.EventEmitter<StoredAccount>());
  /** Fires once per stored token that Kantata rejected, however many requests failed with it. */
  readonly onDidRejectToken = this.rejectedEmitter.event;
  private readonly accountsEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when accounts were added, removed or renamed (the Accounts menu follows it). */
  readonly onDidChangeAccounts = this.accountsEmitter.event;

  constructor(private readonly options: KantataSessionOptions) {
    super();
    // Read here, not in field initializers: those run before `options` is set, and reading the network
    // settings may need to report a problem through it.
    this.settings = readConnectionSettings();
    this.network = this.readNetwork();
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsNetwork(event)) {
          this.network = this.readNetwork();
        }
        if (affectsConnection(event) || affectsNetwork(event)) {
          this.applySettings();
        }
      }),
    );
    // Another window signed in, out or replaced a token of the account this window uses.
    this.register(
      options.accounts.onDidChangeToken((id) => {
        if (this.saving.has(id)) {
          return;
        }
        if (id === this.active?.account.id || (!this.active && this.options.accounts.activeFor(this.settings.baseUrl)?.id === id)) {
          void this.restore();
        }
        this.accountsEmitter.fire();
      }),
    );
    this.register({ dispose: () => this.active?.end() });
  }

  get state(): SessionState {
    return this.active ? { kind: 'signedIn', user: this.active.user, account: this.active.account } : { kind: 'signedOut' };
  }

  /** The signed-in account of this window, if any. Keep the one you started with for the whole of a task. */
  get current(): AccountSession | undefined {
    return this.active;
  }

  get baseUrl(): string {
    return this.settings.baseUrl;
  }

  get isSignedIn(): boolean {
    return this.active !== undefined;
  }

  get accounts(): AccountStore {
    return this.options.accounts;
  }

  /** Is this the signed-in user of the active account? */
  isMe(userId: string): boolean {
    return this.active?.userId === userId;
  }

  /**
   * A client for the configured server with no token of its own, for checking a token before it is stored.
   * Throws a KantataError (with `openSettings`) when the base URL is not usable.
   */
  probeClient(): KantataClient {
    return this.makeClient(this.settings.baseUrl);
  }

  /** The network set-up requests use, for photo downloads. */
  get networkAgents(): NetworkAgents | undefined {
    return this.active?.client.networkAgents;
  }

  /**
   * Reads the account chosen for the configured base URL and its token, and asks Kantata who it belongs to
   * in the background. Never throws: failures are logged, and a token Kantata rejects signs the window out.
   */
  restore(): Promise<void> {
    this.lastRestore = this.restoreNow();
    return this.lastRestore;
  }

  /** Settles when the latest restore (at start, after a settings or SecretStorage change) has finished. */
  whenRestored(): Promise<void> {
    return this.lastRestore;
  }

  /**
   * The stored account a restore is about to use while its token is read from SecretStorage (at start: the
   * account of the window's last session); undefined once it is read, and when no restore is reading one.
   */
  get restoring(): StoredAccount | undefined {
    return this.reading?.account;
  }

  private async restoreNow(): Promise<void> {
    const generation = ++this.generation;
    const baseUrl = this.settings.baseUrl;
    const account = this.options.accounts.activeFor(baseUrl);
    let token: string | undefined;
    this.reading = account && { generation, account };
    try {
      token = account && (await this.options.accounts.token(account));
    } catch (error) {
      this.reportSecretStorageError(error);
    } finally {
      if (this.reading?.generation === generation) {
        this.reading = undefined;
      }
    }
    if (generation !== this.generation || baseUrl !== this.settings.baseUrl) {
      return;
    }
    if (account && token && this.active?.account.id === account.id && this.active.accessToken === token) {
      return; // Nothing changed.
    }
    if (!account || !token) {
      this.activate(undefined);
      return;
    }
    let session: AccountSession;
    try {
      session = this.activate(new AccountSession(account, token, this));
    } catch (error) {
      // A stored account whose server can't be used as written (its client can't be made).
      this.options.logger.warn(`Can't use the stored account ${account.id}: ${error instanceof KantataError ? error.userMessage : String(error)}`);
      this.activate(undefined);
      return;
    }
    await this.verify(session);
  }

  /**
   * Stores a token that `GET /users/me` on `baseUrl` just accepted, as the account of `user` there, and
   * makes it this window's account. Throws BaseUrlChangedError when the base URL is no longer `baseUrl` (the
   * token is then neither stored nor used), SecretStorageError when it can't be stored.
   */
  async signIn(baseUrl: string, token: string, user: User): Promise<AccountSession> {
    this.throwIfMoved(baseUrl);
    const account: StoredAccount = { id: accountId(baseUrl, user.id), baseUrl, userId: user.id, userName: user.fullName };
    this.saving.add(account.id);
    try {
      await this.options.accounts.save(account, token);
    } finally {
      this.saving.delete(account.id);
    }
    this.accountsEmitter.fire();
    // Saved for the server it was checked with; used only if that is still the configured one.
    this.throwIfMoved(baseUrl, true);
    await this.options.accounts.setActive(baseUrl, account);
    this.throwIfMoved(baseUrl, true);
    const session = new AccountSession(account, token, this);
    session.setUser(user);
    this.activate(session);
    this.options.logger.info(`Signed in to ${baseUrl} as user ${user.id}.`);
    return session;
  }

  /** Makes a stored account of the configured server this window's account. */
  async switchTo(account: StoredAccount): Promise<void> {
    this.throwIfMoved(account.baseUrl);
    await this.options.accounts.setActive(account.baseUrl, account);
    this.throwIfMoved(account.baseUrl);
    this.options.logger.info(`Switched to account ${account.id}.`);
    await this.restore();
  }

  /**
   * Signs this window out of the active account and deletes its token. Throws SecretStorageError (and stays
   * signed in) when it can't be deleted.
   */
  async signOut(): Promise<void> {
    const session = this.active;
    if (!session) {
      return;
    }
    await this.options.accounts.remove(session.account);
    await this.options.accounts.setActive(session.account.baseUrl, undefined);
    if (this.active === session) {
      this.activate(undefined);
    }
    this.accountsEmitter.fire();
    this.options.logger.info(`Signed out of ${session.account.baseUrl}.`);
  }

  /** Removes a stored account and its token; removing the active one signs this window out. */
  async removeAccount(account: StoredAccount): Promise<void> {
    if (this.active?.account.id === account.id) {
      await this.signOut();
      return;
    }
    await this.options.accounts.remove(account);
    this.accountsEmitter.fire();
    this.options.logger.info(`Removed account ${account.id}.`);
  }

  /** Keeps the signed-in user's details current after an edit. */
  updateSignedInUser(user: User): void {
    if (this.active && this.active.userId === user.id) {
      this.active.setUser(user);
      this.fireState();
    }
  }

  /** A client for one server: `token` and `lifetime` when it serves an account session. */
  makeClient(baseUrl: string, token?: string, lifetime?: AbortSignal): KantataClient {
    return new KantataClient({
      baseUrl,
      timeoutMs: this.settings.timeoutMs,
      getToken: async () => token,
      logger: this.options.logger,
      version: this.options.version,
      network: this.network.options,
      lifetime,
    });
  }

  /**
   * A request of `session` got a 401. Only the active session's rejection signs out, deletes its token and
   * tells the user (once); a late answer to a session already left is only logged.
   */
  tokenRejected(session: AccountSession, error: KantataError): void {
    if (session !== this.active) {
      this.options.logger.info(`A request of a session that is no longer active was rejected (${error.kind}); ignored.`);
      return;
    }
    this.options.logger.warn(`Kantata rejected the stored token for ${session.account.baseUrl}; signing out.`);
    this.activate(undefined);
    this.rejectedEmitter.fire(session.account);
    this.options.accounts.remove(session.account).then(
      () => this.accountsEmitter.fire(),
      (deleteError: unknown) => this.reportSecretStorageError(deleteError),
    );
  }

  private throwIfMoved(baseUrl: string, tokenStored = false): void {
    if (baseUrl !== this.settings.baseUrl) {
      throw new BaseUrlChangedError(baseUrl, this.settings.baseUrl, tokenStored);
    }
  }

  /** Ends the active session (aborting its work) and makes `next` the active one. */
  private activate<T extends AccountSession | undefined>(next: T): T {
    const previous = this.active;
    if (previous === next) {
      return next;
    }
    ++this.generation;
    this.active = next;
    previous?.end();
    this.accountEmitter.fire(next);
    this.fireState();
    return next;
  }

  private async verify(session: AccountSession): Promise<void> {
    try {
      const user = await session.client.me();
      if (session === this.active) {
        session.setUser(user);
        this.fireState();
      }
    } catch (error) {
      if (session !== this.active || session.reportFailure(error)) {
        return;
      }
      const message = error instanceof KantataError ? `${error.kind}: ${error.userMessage}` : String(error);
      this.options.logger.warn(`Couldn't check the stored token with Kantata (${message}); staying signed in.`);
    }
  }

  private applySettings(): void {
    const previous = this.settings;
    this.settings = readConnectionSettings();
    if (previous.baseUrl !== this.settings.baseUrl) {
      // Out of the old server before anyone hears of the change: nothing may reach the new server until its
      // own account has been read, and nothing still running for the old one may finish.
      this.options.logger.info(`Base URL is now ${this.settings.baseUrl}.`);
      this.activate(undefined);
      void this.restore();
      return;
    }
    this.active?.rebuildClient();
    this.connectionEmitter.fire();
  }

  private readNetwork(): NetworkSettings {
    const network = readNetworkSettings();
    for (const problem of network.problems) {
      this.options.logger.warn(`${Settings.caCertificates}: ${problem}`);
    }
    if (network.problems.length > 0) {
      this.options.onSettingsProblem(vscode.l10n.t("Some certificate authority files in {0} can't be used: {1}", Settings.caCertificates, network.problems.join(' ')));
    }
    if (network.options.strictSSL === false) {
      this.options.logger.warn('http.proxyStrictSSL is off: certificates are not verified.');
    }
    return network;
  }

  private fireState(): void {
    const state = this.state;
    void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, state.kind === 'signedIn');
    this.stateEmitter.fire(state);
  }

  private reportSecretStorageError(error: unknown): void {
    const failure = error instanceof SecretStorageError ? error : new SecretStorageError('read', error);
    this.options.logger.error(failure.message);
    this.options.onSecretStorageError(failure);
  }
}
