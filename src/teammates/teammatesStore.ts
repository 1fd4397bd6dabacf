import * as vscode from 'vscode';
import type { AccountSession } from '../accounts/accountSession';
import { KantataSession } from '../accounts/session';
import { asKantataError, cancelledError, KantataError } from '../kantata/errors';
import { ListUsersParams, UserSelection } from '../kantata/operations';
import { User } from '../kantata/types';
import { formatNumber } from '../locale/displayLanguage';
import { DisposableStore } from '../shared/disposable';
import { withLoadProgress } from './loadProgress';
import type { TeammatesCache } from './teammatesCache';
import type { CachedList } from './teammatesCacheFile';
import { readQuerySettings, TeammatesQuerySettings } from './teammatesSettings';
import { ContextKeys, Settings, Views } from '../shared/ids';

/**
 * How a teammate is loaded, by the tree and by every command that reloads one (after an edit, a new photo):
 * the role for grouping, classification and country for the other groupings, so a reloaded user can
 * replace the tree's copy as it is.
 */
export const TEAMMATE_SELECTION = { include: ['role'], optionalFields: ['classification', 'country'] } as const satisfies UserSelection;

/** What one refresh asks for: teammates as above, in the scope the settings choose. */
export function teammatesQuery(settings: TeammatesQuerySettings = readQuerySettings()): ListUsersParams {
  return {
    ...TEAMMATE_SELECTION,
    onMyAccount: settings.scope === 'account' ? true : undefined,
    showDisabled: settings.showDisabled ? true : undefined,
  };
}

/**
 * The loaded teammates, and how the last load went. A failed refresh keeps the last good list (with the
 * error beside it) rather than emptying the view. Reloads when the session signs in, the connection or the
 * scope settings change; clears when signed out. Until an account's first load lands, its list from the
 * last session (the cache) stands in, and every full load is kept for the next.
 */
export class TeammatesStore extends DisposableStore {
  private current: readonly User[] | undefined;
  /** When the list shown was saved, while it is the account's cached one (no load has landed yet). */
  private cachedSavedAt: number | undefined;
  /** At start: the account the session is restoring, and its cached list, read while its token is. */
  private startup: { readonly accountId: string; readonly list: Promise<CachedList | undefined> } | undefined;
  /** The account whose cached list is shown while its token is still being read (no account session yet). */
  private shownBeforeSignIn: string | undefined;
  private failure: KantataError | undefined;
  private inFlight: AbortController | undefined;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly finishedEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when a load that was not superseded has ended, loaded or failed (the state is read from the store). */
  readonly onDidFinishLoad = this.finishedEmitter.event;

  constructor(
    private readonly session: KantataSession,
    private readonly log: vscode.LogOutputChannel,
    private readonly cache: TeammatesCache,
  ) {
    super();
    // The account the session is about to restore is known before its token is read: its list is read meanwhile.
    const restoring = session.accounts.activeFor(session.baseUrl);
    if (restoring) {
      this.startup = { accountId: restoring.id, list: cache.read(restoring.id, readQuerySettings()) };
      void this.showCachedWhileRestoring(this.startup);
    }
    // Another account (or none) is a clean cut: its list is loaded from scratch, never shown beside the old;
    // only its own cached list may stand in until then.
    this.register(
      session.onDidChangeAccount((next) => {
        const adopted = next !== undefined && this.shownBeforeSignIn === next.account.id;
        this.shownBeforeSignIn = undefined;
        if (!adopted) {
          this.current = undefined;
          this.cachedSavedAt = undefined;
          this.failure = undefined;
          if (next) {
            void this.showCached(next);
          }
        }
        void this.refresh();
      }),
    );
    this.register(session.onDidChangeState(() => this.changeEmitter.fire())); // the signed-in user's details: "(you)"

    this.register(session.onDidChangeConnection(() => void this.refresh()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(Settings.teammatesScope) || event.affectsConfiguration(Settings.teammatesShowDisabled)) {
          void this.refresh();
        }
      }),
    );
    this.register({ dispose: () => this.inFlight?.abort() });
  }

  /** The last good list; undefined before the first successful load or when signed out. */
  get users(): readonly User[] | undefined {
    return this.current;
  }

  /** When the list shown was saved, while it is the one cached by an earlier session; undefined once a load has landed. */
  get cachedAt(): number | undefined {
    return this.cachedSavedAt;
  }

  /** Why the latest load failed; cleared by the next successful one. */
  get error(): KantataError | undefined {
    return this.failure;
  }

  get isLoading(): boolean {
    return this.inFlight !== undefined;
  }

  /** Loads every page again; a newer refresh supersedes (and aborts) an older one. Never throws. */
  async refresh(): Promise<void> {
    this.inFlight?.abort();
    const account = this.session.current;
    if (!account) {
      this.inFlight = undefined;
      this.current = undefined;
      this.cachedSavedAt = undefined;
      this.failure = undefined;
      this.publish();
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    this.publish();
    try {
      const client = account.client;
      const settings = readQuerySettings();
      const users = await withLoadProgress(Views.teammates, vscode.l10n.t('Loading Kantata teammates'), controller, (progress) =>
        client.listUsers(teammatesQuery(settings), {
          signal: controller.signal,
          onProgress: ({ usersLoaded, total }) => progress.report(vscode.l10n.t('{0} of {1}', formatNumber(usersLoaded), formatNumber(total))),
        }),
      );
      if (this.inFlight !== controller) {
        return;
      }
      this.current = users;
      this.cachedSavedAt = undefined;
      this.failure = undefined;
      const { id } = account.account;
      void this.cache.save(id, settings, users, () => this.session.accounts.get(id) !== undefined);
    } catch (error) {
      if (this.inFlight !== controller) {
        return;
      }
      if (account.reportFailure(error) || account.ended) {
        return; // Signed out or switched: the account listener has started over (or cleared the view).
      }
      const failure = controller.signal.aborted ? cancelledError() : asKantataError(error, vscode.l10n.t({ message: 'Loading teammates', args: [], comment: ['Subject of a sentence: the step that failed unexpectedly'] }));
      this.log.warn(`Loading teammates failed (${failure.kind}): ${failure.userMessage}`);
      this.failure = failure;
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
        this.publish();
        this.finishedEmitter.fire();
      }
    }
  }

  /** Puts an edited user in place of the old one, without a reload. */
  replaceUser(user: User): void {
    if (!this.current?.some((candidate) => candidate.id === user.id)) {
      return;
    }
    this.current = this.current.map((candidate) => (candidate.id === user.id ? { ...candidate, ...user } : candidate));
    this.publish();
  }

  /** The account's list from its last session, shown until its load lands: never over a loaded list, never for another account. */
  private async showCached(account: AccountSession): Promise<void> {
    const { id } = account.account;
    const startup = this.startup;
    this.startup = undefined;
    const cached = await (startup?.accountId === id ? startup.list : this.cache.read(id, readQuerySettings()));
    if (cached && this.session.current === account && this.current === undefined) {
      this.useCached(cached);
    }
  }

  /**
   * At start, the list of the account the session is restoring, shown while its token is still read from
   * SecretStorage (which can take a while as VS Code starts). The account session adopts it when it begins
   * (showCached); a restore that ends without that account takes it back.
   */
  private async showCachedWhileRestoring(startup: NonNullable<TeammatesStore['startup']>): Promise<void> {
    const cached = await startup.list;
    if (cached && !this.session.current && this.session.restoring?.id === startup.accountId && this.current === undefined) {
      this.shownBeforeSignIn = startup.accountId;
      this.useCached(cached);
    }
    await this.session.whenRestored().catch(() => undefined);
    if (this.startup === startup) {
      this.startup = undefined; // the restore ended without that account: nobody will use it
    }
    if (this.shownBeforeSignIn === startup.accountId) {
      this.shownBeforeSignIn = undefined;
      this.current = undefined;
      this.cachedSavedAt = undefined;
      this.publish();
    }
  }

  private useCached(cached: CachedList): void {
    this.current = cached.users;
    this.cachedSavedAt = cached.savedAt;
    const ageMinutes = Math.round((Date.now() - cached.savedAt) / 60_000);
    this.log.info(`Teammates: showing the cached list of ${cached.users.length} people from ${ageMinutes} minute(s) ago while it loads (at ${new Date().toISOString()}).`);
    this.publish();
  }

  private publish(): void {
    const empty = this.session.isSignedIn && !this.isLoading && !this.failure && this.current?.length === 0;
    void vscode.commands.executeCommand('setContext', ContextKeys.teammatesEmpty, empty);
    this.changeEmitter.fire();
  }
}
