import * as vscode from 'vscode';
import type { AccountSession } from '../accounts/accountSession';
import type { KantataSession } from '../accounts/session';
import type { WeekAheadStore } from '../capacity/weekAheadStore';
import { asKantataError, type KantataError } from '../kantata/errors';
import type { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { ContextKeys } from '../shared/ids';
import { TEAMMATE_SELECTION } from '../teammates/teammatesStore';
import type { EmailMatches } from './emailMatches';
import { byLastChange, fileAuthors, type FileAuthor } from './fileAuthors';
import type { GitHistory } from './gitHistory';

/** A Kantata user who worked on the file: their git tally (every address of theirs added up). */
interface FilePerson {
  readonly user: User;
  readonly author: FileAuthor;
}

/** The states with no rows, each with its own welcome text (package.json's viewsWelcome, by the context key). */
type FilePeopleWelcome = 'signedOut' | 'noFile' | 'unsaved' | 'gitAbsent' | 'gitDisabled' | 'gitStarting' | 'notInRepository' | 'noHistory';

/** What the view shows for the file it follows; `file` is always the one the state is about. */
export type FilePeopleState =
  | { readonly kind: FilePeopleWelcome; readonly file?: vscode.Uri }
  | { readonly kind: 'loading'; readonly file: vscode.Uri }
  | { readonly kind: 'gitFailed'; readonly file: vscode.Uri; readonly message: string }
  | { readonly kind: 'lookupFailed'; readonly file: vscode.Uri; readonly error: KantataError }
  | { readonly kind: 'loaded'; readonly file: vscode.Uri; readonly people: readonly FilePerson[]; readonly others: readonly FileAuthor[] };

/** States that may end by themselves when git finishes starting or opens a repository. */
const WAITING_FOR_GIT = new Set<FilePeopleState['kind']>(['gitAbsent', 'gitDisabled', 'gitStarting', 'notInRepository']);
/** The view follows the editor after this quiet time: flicking through tabs loads only where the user stops. */
const FOLLOW_DELAY_MS = 250;

interface FilePeopleStoreParts {
  readonly session: KantataSession;
  readonly git: GitHistory;
  readonly matches: EmailMatches;
  readonly weekAhead: WeekAheadStore;
  readonly log: vscode.LogOutputChannel;
}

/**
 * The people who worked on the active editor's file. It follows the editor after a short pause, does nothing
 * while the view is hidden (and catches up when it is shown), and aborts a load when the file or the account
 * changes. Kantata is asked only about addresses it has not answered yet this session (EmailMatches).
 */
export class FilePeopleStore extends DisposableStore {
  private current: FilePeopleState = { kind: 'noFile' };
  /** The file to show: the active editor's, or the one Who Worked on This File? was given. */
  private target: vscode.Uri | undefined;
  /** The target changed (or the data may have) since the last load. */
  private stale = true;
  private visible = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: AbortController | undefined;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly finishedEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when a load that was not superseded has ended, whatever it found. */
  readonly onDidFinishLoad = this.finishedEmitter.event;

  constructor(private readonly parts: FilePeopleStoreParts) {
    super();
    this.target = fileOf(vscode.window.activeTextEditor);
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)));
    this.register(
      parts.session.onDidChangeAccount(() => {
        parts.matches.clear();
        this.invalidate(0);
      }),
    );
    this.register(
      parts.git.onDidChange(() => {
        if (WAITING_FOR_GIT.has(this.current.kind)) {
          this.invalidate(FOLLOW_DELAY_MS);
        }
      }),
    );
    // A new commit may add a person (or the file's first commit, its first people).
    this.register(
      parts.git.onDidChangeHead(() => {
        if (this.current.kind === 'loaded' || this.current.kind === 'noHistory') {
          this.invalidate(FOLLOW_DELAY_MS);
        }
      }),
    );
    this.register({ dispose: () => (clearTimeout(this.timer), this.inFlight?.abort()) });
    this.setContext();
  }

  get state(): FilePeopleState {
    return this.current;
  }

  /** The view was shown or hidden: a hidden view costs nothing, a shown one catches up at once. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) {
      this.invalidate(0);
    }
  }

  /** Shows `file` now (Who Worked on This File?), until the active editor changes. */
  show(file: vscode.Uri): Promise<void> {
    this.target = file;
    return this.reload();
  }

  /** Refresh: reads the file's history again and asks Kantata again about everyone (someone may have joined). */
  refresh(): Promise<void> {
    this.parts.matches.clear();
    return this.reload();
  }

  /** Reads the file's history again and looks up whom it does not know yet (Retry). Never throws. */
  reload(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.load();
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (editor === undefined && hasTextTabs()) {
      return; // A webview or another panel has the focus: the file is still open, keep showing it.
    }
    const file = fileOf(editor);
    if (editor !== undefined && file === undefined) {
      return; // The Output panel, a diff's git side, settings: not a file someone worked on.
    }
    if (file?.toString() !== this.target?.toString()) {
      this.target = file;
      this.invalidate(FOLLOW_DELAY_MS);
    }
  }

  /** Marks the view out of date and, if it is shown, loads after `delayMs`. */
  private invalidate(delayMs: number): void {
    this.stale = true;
    this.inFlight?.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.visible) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.load();
      }, delayMs);
    }
  }

  private async load(): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.stale = false;
    const file = this.target;
    const account = this.parts.session.current;
    let state: FilePeopleState | undefined;
    if (!account) {
      state = { kind: 'signedOut', file };
    } else if (!file) {
      state = { kind: 'noFile' };
    } else if (file.scheme !== 'file') {
      state = { kind: 'unsaved', file };
    } else {
      // A new file (or a failure being retried) says it is loading; the same file checked again keeps its rows
      // or welcome text meanwhile, so git opening repositories one by one does not make the view flicker.
      if (this.current.file?.toString() !== file.toString() || this.current.kind === 'gitFailed' || this.current.kind === 'lookupFailed') {
        this.publish({ kind: 'loading', file });
      }
      state = await this.stateOf(file, account, controller.signal);
    }
    if (this.inFlight !== controller || controller.signal.aborted || state === undefined) {
      return; // Superseded: the newer load publishes.
    }
    this.inFlight = undefined;
    this.publish(state);
    this.finishedEmitter.fire();
  }

  /** The file's people, or why there are none; undefined when the load was superseded or the account left. */
  private async stateOf(file: vscode.Uri, account: AccountSession, signal: AbortSignal): Promise<FilePeopleState | undefined> {
    let history;
    try {
      history = await this.parts.git.historyOf(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.parts.log.warn(`Reading the git history of ${file.fsPath} failed: ${message}`);
      return { kind: 'gitFailed', file, message: vscode.l10n.t("Git could not read this file's history: {0}", message) };
    }
    if (signal.aborted) {
      return undefined;
    }
    if (history.kind !== 'commits') {
      return { kind: history.kind, file };
    }
    const authors = fileAuthors(history.commits);
    if (authors.length === 0) {
      return { kind: 'noHistory', file };
    }
    // No signal: a lookup this load gives up on still fills the session's answers (it ends with the account).
    const lookup = (addresses: readonly string[]) => account.client.listUsersByEmailAddresses(addresses, TEAMMATE_SELECTION);
    try {
      const wanted = authors.filter((author) => !author.noReply).map((author) => author.email);
      const matches = await this.parts.matches.match(account.account.id, wanted, lookup, signal);
      const state = loadedState(file, authors, matches);
      const userIds = state.people.map((person) => person.user.id);
      void this.parts.weekAhead.request({ accountId: account.account.id, fetcher: account.client }, userIds, signal).catch(() => undefined);
      return state;
    } catch (error) {
      if (signal.aborted || account.reportFailure(error) || account.ended) {
        return undefined;
      }
      const failure = asKantataError(error, vscode.l10n.t({ message: "Looking up the file's people", args: [], comment: ['Subject of a sentence: the step that failed unexpectedly'] }));
      this.parts.log.warn(`Looking up the people of ${file.fsPath} in Kantata failed (${failure.kind}): ${failure.userMessage}`);
      return { kind: 'lookupFailed', file, error: failure };
    }
  }

  private publish(state: FilePeopleState): void {
    const changedKind = state.kind !== this.current.kind;
    this.current = state;
    if (changedKind) {
      this.setContext();
    }
    this.changeEmitter.fire();
  }

  private setContext(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.filePeopleState, this.current.kind);
  }
}

/** The people matched to Kantata users (one row per user), and the authors apart, each sorted by last change. */
function loadedState(file: vscode.Uri, authors: readonly FileAuthor[], matches: ReadonlyMap<string, User>): Extract<FilePeopleState, { kind: 'loaded' }> {
  const people = new Map<string, FilePerson>();
  const others: FileAuthor[] = [];
  for (const author of authors) {
    const user = author.noReply ? undefined : matches.get(author.emailKey);
    if (!user) {
      others.push(author);
      continue;
    }
    const known = people.get(user.id);
    people.set(user.id, { user, author: known ? mergedAuthor(known.author, author) : author });
  }
  const byAuthor = (a: FilePerson, b: FilePerson) => byLastChange({ ...a.author, name: a.user.fullName }, { ...b.author, name: b.user.fullName });
  return { kind: 'loaded', file, people: [...people.values()].sort(byAuthor), others };
}

/** Two addresses of one Kantata user: their commits added up (a commit naming both counts twice, rarely). */
function mergedAuthor(a: FileAuthor, b: FileAuthor): FileAuthor {
  const latest = byLastChange(a, b) <= 0 ? a : b;
  return { ...latest, commits: a.commits + b.commits };
}

/** The file an editor shows, when it is one a person could have worked on (saved or not). */
function fileOf(editor: vscode.TextEditor | undefined): vscode.Uri | undefined {
  const uri = editor?.document.uri;
  return uri && (uri.scheme === 'file' || uri.scheme === 'untitled') ? uri : undefined;
}

function hasTextTabs(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText || tab.input instanceof vscode.TabInputTextDiff));
}
