import * as vscode from 'vscode';
import { DisposableStore } from '../shared/disposable';
import { AUTHENTICATION_PROVIDER_ID } from '../shared/ids';
import { accountLabel, StoredAccount } from './accountStore';
import { KantataSession } from './session';

const AUTHENTICATION_PROVIDER_LABEL = 'Kantata';

/**
 * The Kantata accounts in VS Code's Accounts menu (with their Sign Out), and Kantata sessions for other
 * extensions through `vscode.authentication.getSession('kantata', [])`. It hands out the stored tokens;
 * creating a session runs the sign-in box, removing one removes the account and its token.
 */
export class KantataAuthenticationProvider extends DisposableStore implements vscode.AuthenticationProvider {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changeEmitter.event;
  /** The sessions last announced, to say which were added, removed or changed. */
  private known = new Map<string, string>();
  private announcing: Promise<void> = Promise.resolve();

  constructor(
    private readonly session: KantataSession,
    /** Runs the sign-in box for the configured server; resolves with whether an account was signed in. */
    private readonly signIn: () => Thenable<unknown>,
  ) {
    super();
    this.register(vscode.authentication.registerAuthenticationProvider(AUTHENTICATION_PROVIDER_ID, AUTHENTICATION_PROVIDER_LABEL, this, { supportsMultipleAccounts: true }));
    this.register(session.onDidChangeAccounts(() => this.queueAnnouncement()));
    this.register(session.onDidChangeState(() => this.queueAnnouncement()));
    this.queueAnnouncement();
  }

  /** One comparison at a time, so two changes in a row are announced once each. */
  private queueAnnouncement(): void {
    this.announcing = this.announcing.then(() => this.announceChanges()).catch(() => undefined);
  }

  async getSessions(_scopes?: readonly string[], options?: { readonly account?: vscode.AuthenticationSessionAccountInformation }): Promise<vscode.AuthenticationSession[]> {
    const accounts = this.session.accounts.list().filter((account) => !options?.account || options.account.id === account.id);
    const sessions = await Promise.all(accounts.map((account) => this.toSession(account)));
    return sessions.filter((session): session is vscode.AuthenticationSession => session !== undefined);
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const before = this.session.current;
    await this.signIn();
    const after = this.session.current;
    if (!after || after === before) {
      throw new vscode.CancellationError();
    }
    const created = await this.toSession(after.account);
    if (!created) {
      throw new Error(vscode.l10n.t('The Kantata account was signed in, but its token could not be read back.'));
    }
    return created;
  }

  async removeSession(sessionId: string): Promise<void> {
    const account = this.session.accounts.get(sessionId);
    if (account) {
      await this.session.removeAccount(account);
    }
  }

  private async toSession(account: StoredAccount): Promise<vscode.AuthenticationSession | undefined> {
    let accessToken: string | undefined;
    try {
      accessToken = await this.session.accounts.token(account);
    } catch {
      return undefined; // The keyring can't be read: reported where the extension itself reads it.
    }
    if (!accessToken) {
      return undefined;
    }
    const current = this.session.current;
    const name = current?.account.id === account.id ? current.userName : account.userName;
    return { id: account.id, accessToken, account: { id: account.id, label: accountLabel({ ...account, userName: name }) }, scopes: [] };
  }

  private async announceChanges(): Promise<void> {
    const sessions = await this.getSessions();
    const now = new Map(sessions.map((session) => [session.id, `${session.account.label}\n${session.accessToken}`]));
    const added = sessions.filter((session) => !this.known.has(session.id));
    const changed = sessions.filter((session) => this.known.has(session.id) && this.known.get(session.id) !== now.get(session.id));
    const removedIds = [...this.known.keys()].filter((id) => !now.has(id));
    this.known = now;
    if (added.length + changed.length + removedIds.length === 0 || this.isDisposed) {
      return;
    }
    const removed = removedIds.map((id) => ({ id, accessToken: '', account: { id, label: id }, scopes: [] }));
    this.changeEmitter.fire({ added, removed, changed });
  }
}
