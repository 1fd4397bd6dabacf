import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { asKantataError, cancelledError, KantataError } from '../kantata/errors';
import { ListUsersParams, UserSelection } from '../kantata/operations';
import { User } from '../kantata/types';
import { formatNumber } from '../locale/displayLanguage';
import { DisposableStore } from '../shared/disposable';
import { withLoadProgress } from './loadProgress';
import { readQuerySettings } from './teammatesSettings';
import { ContextKeys, Settings, Views } from '../shared/ids';

/**
 * How a teammate is loaded, by the tree and by every command that reloads one (after an edit, a new photo):
 * the role for grouping, classification and country for the other groupings, so a reloaded user can
 * replace the tree's copy as it is.
 */
export const TEAMMATE_SELECTION = { include: ['role'], optionalFields: ['classification', 'country'] } as const satisfies UserSelection;

/** What one refresh asks for: teammates as above, in the scope the settings choose. */
export function teammatesQuery(): ListUsersParams {
  const settings = readQuerySettings();
  return {
    ...TEAMMATE_SELECTION,
    onMyAccount: settings.scope === 'account' ? true : undefined,
    showDisabled: settings.showDisabled ? true : undefined,
  };
}

/**
 * The loaded teammates, and how the last load went. A failed refresh keeps the last good list (with the
 * error beside it) rather than emptying the view. Reloads when the session signs in, the connection or the
 * scope settings change; clears when signed out.
 */
export class TeammatesStore extends DisposableStore {
  private current: readonly User[] | undefined;
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
  ) {
    super();
    // Another account (or none) is a clean cut: its list is loaded from scratch, never shown beside the old.
    this.register(
      session.onDidChangeAccount(() => {
        this.current = undefined;
        this.failure = undefined;
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
      this.failure = undefined;
      this.publish();
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    this.publish();
    try {
      const client = account.client;
      const users = await withLoadProgress(Views.teammates, vscode.l10n.t('Loading Kantata teammates'), controller, (progress) =>
        client.listUsers(teammatesQuery(), {
          signal: controller.signal,
          onProgress: ({ usersLoaded, total }) => progress.report(vscode.l10n.t('{0} of {1}', formatNumber(usersLoaded), formatNumber(total))),
        }),
      );
      if (this.inFlight !== controller) {
        return;
      }
      this.current = users;
      this.failure = undefined;
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

  private publish(): void {
    const empty = this.session.isSignedIn && !this.isLoading && !this.failure && this.current?.length === 0;
    void vscode.commands.executeCommand('setContext', ContextKeys.teammatesEmpty, empty);
    this.changeEmitter.fire();
  }
}
