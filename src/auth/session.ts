import * as vscode from 'vscode';
import { affectsNetwork, NetworkSettings, readNetworkSettings } from '../config/networkSettings';
import { affectsConnection, ConnectionSettings, readConnectionSettings } from '../config/settings';
import { KantataClient } from '../kantata/client';
import { isKantataError, KantataError } from '../kantata/errors';
import type { NetworkAgents } from '../kantata/networkAgents';
import { User } from '../kantata/types';
import { DisposableStore } from '../util/disposable';
import { SecretStorageError } from './secretStorageError';
import { SessionState } from './sessionState';
import { TokenStore } from './tokenStore';

export const SIGNED_IN_CONTEXT_KEY = 'kantata.signedIn';

export interface KantataSessionOptions {
  readonly tokenStore: TokenStore;
  readonly logger: vscode.LogOutputChannel;
  /** The extension's version, for the client's User-Agent. */
  readonly version: string;
  readonly onSecretStorageError: (error: SecretStorageError) => void;
  /** A setting can't be used as it is; the message says which and why. */
  readonly onSettingsProblem: (message: string) => void;
}

/**
 * Who is signed in to which Kantata, and the client that talks to it. The token lives in SecretStorage and
 * in this object's memory only; the session follows the base URL setting and SecretStorage changes made in
 * other windows, and signs out when Kantata rejects the token.
 */
export class KantataSession extends DisposableStore {
  private settings: ConnectionSettings = readConnectionSettings();
  private network: NetworkSettings = this.readNetwork();
  private currentState: SessionState = { kind: 'signedOut' };
  /** The token, and the base URL it belongs to: it is never handed to a client for another server. */
  private token: string | undefined;
  private tokenBaseUrl: string | undefined;
  private cachedClient: KantataClient | undefined;
  /** Bumped by every sign-in, sign-out and restore, so a slow restore can't overwrite a newer state. */
  private generation = 0;
  /** Bumped by sign-in, sign-out and a base URL change: a sign-in finishing after one of these is stale. */
  private actionGeneration = 0;
  /** The token a sign-in is storing right now; its own SecretStorage change event must not restart a check. */
  private tokenBeingStored: string | undefined;
  private lastRestore: Promise<void> = Promise.resolve();

  private readonly stateEmitter = this.register(new vscode.EventEmitter<SessionState>());
  /** Fires after the state changes: signed in or out, or the signed-in user's details became known. */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly connectionEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the base URL or time-out changed: data from the old server is stale. */
  readonly onDidChangeConnection = this.connectionEmitter.event;
  private readonly rejectedEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires once per stored token that Kantata rejected, however many requests failed with it. */
  readonly onDidRejectToken = this.rejectedEmitter.event;

  constructor(private readonly options: KantataSessionOptions) {
    super();
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
    this.register(
      options.tokenStore.onDidChange((baseUrl) => {
        if (baseUrl === this.settings.baseUrl) {
          void this.restore();
        }
      }),
    );
  }

  get state(): SessionState {
    return this.currentState;
  }

  get baseUrl(): string {
    return this.settings.baseUrl;
  }

  get isSignedIn(): boolean {
    return this.currentState.kind === 'signedIn';
  }

  /** The client for the configured base URL. Throws a KantataError (with `openSettings`) when it is invalid. */
  get client(): KantataClient {
    const baseUrl = this.settings.baseUrl;
    this.cachedClient ??= new KantataClient({
      baseUrl,
      timeoutMs: this.settings.timeoutMs,
      getToken: async () => (this.tokenBaseUrl === baseUrl ? this.token : undefined),
      logger: this.options.logger,
      version: this.options.version,
      network: this.network.options,
    });
    return this.cachedClient;
  }

  /**
   * Reads the stored token for the base URL and, when there is one, asks Kantata who it belongs to. Never
   * throws: failures are logged, and a token Kantata rejects signs the session out.
   */
  restore(): Promise<void> {
    this.lastRestore = this.restoreNow();
    return this.lastRestore;
  }

  /** Settles when the latest restore (after a settings or SecretStorage change) has finished. */
  whenRestored(): Promise<void> {
    return this.lastRestore;
  }

  private async restoreNow(): Promise<void> {
    const generation = ++this.generation;
    let token: string | undefined;
    try {
      token = await this.options.tokenStore.get(this.settings.baseUrl);
    } catch (error) {
      this.reportSecretStorageError(error);
    }
    if (generation !== this.generation || (token !== undefined && token === this.tokenBeingStored)) {
      return;
    }
    if (token === this.token && this.isSignedIn === (token !== undefined)) {
      return; // Nothing changed: typically our own store or delete coming back as a change event.
    }
    this.setToken(token);
    if (!token) {
      this.setState({ kind: 'signedOut' });
      return;
    }
    this.setState({ kind: 'signedIn', user: undefined });
    await this.verify(generation, token);
  }

  /** Stores a token that `GET /users/me` just accepted. Throws SecretStorageError when it can't be stored. */
  async signIn(token: string, user: User): Promise<void> {
    const action = ++this.actionGeneration;
    this.tokenBeingStored = token;
    try {
      await this.options.tokenStore.store(this.settings.baseUrl, token);
    } finally {
      if (this.tokenBeingStored === token) {
        this.tokenBeingStored = undefined;
      }
    }
    if (action !== this.actionGeneration) {
      return;
    }
    ++this.generation;
    this.setToken(token);
    this.setState({ kind: 'signedIn', user });
    this.options.logger.info(`Signed in to ${this.settings.baseUrl} as user ${user.id}.`);
  }

  /** Deletes the stored token. Throws SecretStorageError (and stays signed in) when it can't be deleted. */
  async signOut(): Promise<void> {
    await this.options.tokenStore.delete(this.settings.baseUrl);
    ++this.generation;
    ++this.actionGeneration;
    this.setToken(undefined);
    this.setState({ kind: 'signedOut' });
    this.options.logger.info(`Signed out of ${this.settings.baseUrl}.`);
  }

  /** The network set-up of the current client, for photo downloads; undefined while the base URL is invalid. */
  get networkAgents(): NetworkAgents | undefined {
    try {
      return this.client.networkAgents;
    } catch {
      return undefined;
    }
  }

  /** Keeps the signed-in user's details current after an edit. */
  updateSignedInUser(user: User): void {
    if (this.currentState.kind === 'signedIn' && this.currentState.user?.id === user.id) {
      this.setState({ kind: 'signedIn', user });
    }
  }

  /**
   * Called with any error from a request: a 401 means the stored token no longer works, so the session
   * signs out (one notification, however many requests failed at once). Returns true when it handled it.
   */
  handleRequestError(error: unknown): boolean {
    if (!isKantataError(error) || error.kind !== 'unauthorized' || this.currentState.kind !== 'signedIn') {
      return false;
    }
    this.options.logger.warn(`Kantata rejected the stored token for ${this.settings.baseUrl}; signing out.`);
    ++this.generation;
    ++this.actionGeneration;
    this.setToken(undefined);
    this.setState({ kind: 'signedOut' });
    this.rejectedEmitter.fire();
    this.options.tokenStore.delete(this.settings.baseUrl).catch((deleteError: unknown) => {
      this.reportSecretStorageError(deleteError);
    });
    return true;
  }

  private async verify(generation: number, token: string): Promise<void> {
    try {
      const user = await this.client.me(undefined, { token });
      if (generation === this.generation) {
        this.setState({ kind: 'signedIn', user });
      }
    } catch (error) {
      if (generation !== this.generation || this.handleRequestError(error)) {
        return;
      }
      const message = error instanceof KantataError ? `${error.kind}: ${error.userMessage}` : String(error);
      this.options.logger.warn(`Couldn't check the stored token with Kantata (${message}); staying signed in.`);
    }
  }

  private applySettings(): void {
    const previous = this.settings;
    this.settings = readConnectionSettings();
    this.cachedClient?.dispose();
    this.cachedClient = undefined;
    const serverChanged = previous.baseUrl !== this.settings.baseUrl;
    if (serverChanged) {
      // Signed out of the old server before anyone hears of the change: nothing may reach the new server
      // until its own token has been read.
      this.options.logger.info(`Base URL is now ${this.settings.baseUrl}.`);
      ++this.generation;
      ++this.actionGeneration;
      this.setToken(undefined);
      if (this.isSignedIn) {
        this.setState({ kind: 'signedOut' });
      }
    }
    this.connectionEmitter.fire();
    if (serverChanged) {
      void this.restore();
    }
  }

  private readNetwork(): NetworkSettings {
    const network = readNetworkSettings();
    for (const problem of network.problems) {
      this.options.logger.warn(`kantata.caCertificates: ${problem}`);
    }
    if (network.problems.length > 0) {
      this.options.onSettingsProblem(`Some certificate authority files in kantata.caCertificates can't be used: ${network.problems.join(' ')}`);
    }
    if (network.options.strictSSL === false) {
      this.options.logger.warn('http.proxyStrictSSL is off: certificates are not verified.');
    }
    return network;
  }

  private setToken(token: string | undefined): void {
    this.token = token;
    this.tokenBaseUrl = token === undefined ? undefined : this.settings.baseUrl;
  }

  private setState(state: SessionState): void {
    this.currentState = state;
    void vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT_KEY, state.kind === 'signedIn');
    this.stateEmitter.fire(state);
  }

  private reportSecretStorageError(error: unknown): void {
    const failure = error instanceof SecretStorageError ? error : new SecretStorageError('read', error);
    this.options.logger.error(failure.message);
    this.options.onSecretStorageError(failure);
  }
}
