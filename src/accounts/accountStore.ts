// Types only from `vscode`: the unit tests run this file, so its texts come from `@vscode/l10n` (the same bundle).
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { StorageKeys } from '../shared/ids';

/**
 * A Kantata account this machine holds a token for: one person on one server. Nothing here is secret; the
 * token itself is only ever in SecretStorage, under the account's id.
 */
export interface StoredAccount {
  /** `<userId>@<baseUrl>`: signing in again as the same person on the same server replaces their token. */
  readonly id: string;
  readonly baseUrl: string;
  readonly userId: string;
  /** The person's name when they signed in, to label the account before Kantata has answered. */
  readonly userName: string;
}

/** Base URL → the id of the account used there, or null after an explicit sign-out. */

export function accountId(baseUrl: string, userId: string): string {
  return `${userId}@${baseUrl}`;
}

/** `Alex Rivera (api.mavenlink.com)`: who and where, as the Accounts menu and the pickers show it. */
export function accountLabel(account: Pick<StoredAccount, 'baseUrl' | 'userName'>): string {
  return `${account.userName} (${hostOf(account.baseUrl)})`;
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

function isStoredAccount(value: unknown): value is StoredAccount {
  const candidate = value as Partial<StoredAccount> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.baseUrl === 'string' &&
    typeof candidate.userId === 'string' &&
    typeof candidate.userName === 'string' &&
    candidate.id === accountId(candidate.baseUrl, candidate.userId)
  );
}

/**
 * The accounts of this machine: their list in the extension's global state, their tokens in SecretStorage.
 * The one place that reads or writes a token.
 */
export class AccountStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {}

  list(): readonly StoredAccount[] {
    const stored = this.state.get<unknown>(StorageKeys.accounts);
    return Array.isArray(stored) ? stored.filter(isStoredAccount) : [];
  }

  get(id: string): StoredAccount | undefined {
    return this.list().find((account) => account.id === id);
  }

  /**
   * The account this server uses: the one chosen last, else the first one stored for it; undefined when
   * there is none or the user signed out of this server.
   */
  activeFor(baseUrl: string): StoredAccount | undefined {
    const chosen = this.activeIds()[baseUrl];
    if (chosen === null) {
      return undefined;
    }
    return this.list().find((account) => account.id === chosen) ?? this.list().find((account) => account.baseUrl === baseUrl);
  }

  async setActive(baseUrl: string, account: StoredAccount | undefined): Promise<void> {
    await this.state.update(StorageKeys.activeAccounts, { ...this.activeIds(), [baseUrl]: account?.id ?? null });
  }

  async token(account: StoredAccount): Promise<string | undefined> {
    try {
      return (await this.secrets.get(StorageKeys.tokenPrefix + account.id)) || undefined;
    } catch (error) {
      throw new SecretStorageError('read', error);
    }
  }

  /** Stores the token first: an account is listed only once its token is safe. */
  async save(account: StoredAccount, token: string): Promise<void> {
    try {
      await this.secrets.store(StorageKeys.tokenPrefix + account.id, token);
    } catch (error) {
      throw new SecretStorageError('save', error);
    }
    await this.state.update(StorageKeys.accounts, [...this.list().filter((known) => known.id !== account.id), account]);
  }

  /** Deletes the token, then forgets the account (and the choice of it). */
  async remove(account: StoredAccount): Promise<void> {
    try {
      await this.secrets.delete(StorageKeys.tokenPrefix + account.id);
    } catch (error) {
      throw new SecretStorageError('delete', error);
    }
    await this.state.update(
      StorageKeys.accounts,
      this.list().filter((known) => known.id !== account.id),
    );
    const active = this.activeIds();
    if (active[account.baseUrl] === account.id) {
      const { [account.baseUrl]: _removed, ...rest } = active;
      await this.state.update(StorageKeys.activeAccounts, rest);
    }
  }

  /** Fires with the id of an account whose token changed, in this window or another. */
  onDidChangeToken(listener: (id: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key.startsWith(StorageKeys.tokenPrefix)) {
        listener(event.key.slice(StorageKeys.tokenPrefix.length));
      }
    });
  }

  private activeIds(): Record<string, string | null> {
    const stored = this.state.get<unknown>(StorageKeys.activeAccounts);
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, string | null>) : {};
  }
}

/** Where VS Code documents what to do when it cannot reach the operating system's keyring. */
export const KEYRING_HELP_URL = 'https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';

/**
 * SecretStorage failed: on Linux this almost always means no Secret Service keyring is running or unlocked.
 * Carries a message that says so and what to do about it.
 */
export class SecretStorageError extends Error {
  readonly userMessage: string;

  constructor(action: 'read' | 'save' | 'delete', cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`SecretStorage could not ${action} the token: ${reason}`);
    this.name = 'SecretStorageError';
    this.userMessage = keyringFailureMessage(action, reason);
  }
}

/** `reason` is the keyring's own words. */
function keyringFailureMessage(action: 'read' | 'save' | 'delete', reason: string): string {
  switch (action) {
    case 'read':
      return l10n.t("VS Code couldn't read your Kantata token in the system keyring ({0}). On Linux, install and unlock a keyring such as GNOME Keyring or KWallet, or start VS Code with --password-store=basic.", reason);
    case 'save':
      return l10n.t("VS Code couldn't save your Kantata token in the system keyring ({0}). On Linux, install and unlock a keyring such as GNOME Keyring or KWallet, or start VS Code with --password-store=basic.", reason);
    case 'delete':
      return l10n.t("VS Code couldn't delete your Kantata token in the system keyring ({0}). On Linux, install and unlock a keyring such as GNOME Keyring or KWallet, or start VS Code with --password-store=basic.", reason);
  }
}
