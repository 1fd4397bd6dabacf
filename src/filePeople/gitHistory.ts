import * as vscode from 'vscode';
import { DisposableStore } from '../shared/disposable';
import type { AuthoredCommit } from './fileAuthors';

/*
 * The few parts of VS Code's built-in git extension API (extensions/git/src/api/git.d.ts, version 1) this
 * feature uses, copied as VS Code's docs advise rather than depending on the whole file.
 */
interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD: { readonly commit?: string } | undefined; readonly onDidChange: vscode.Event<void> };
  log(options?: { readonly maxEntries?: number; readonly path?: string }): Promise<AuthoredCommit[]>;
}

const GIT_EXTENSION_ID = 'vscode.git';
/** Enough history to know who works on a file; older commits rarely name someone still around. */
const MAX_COMMITS = 1000;

/** What the git extension can tell about a file now. */
type FileHistory =
  | { readonly kind: 'gitAbsent' }
  | { readonly kind: 'gitDisabled' }
  | { readonly kind: 'gitStarting' }
  | { readonly kind: 'notInRepository' }
  | { readonly kind: 'commits'; readonly commits: readonly AuthoredCommit[] };

/**
 * The built-in git extension as this feature sees it: the history of a file, or why there is none. The
 * extension may be missing (a web build, uninstalled), turned off (`git.enabled`), still scanning the
 * workspace, or know no repository for the file yet; `onDidChange` fires when any of that may have changed.
 */
export class GitHistory extends DisposableStore {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private api: { readonly api: GitApi; readonly listeners: vscode.Disposable } | undefined;
  private watchingEnablement = false;
  private readonly headEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the repository of the file last read moves to another commit (a commit, a pull, a checkout). */
  readonly onDidChangeHead = this.headEmitter.event;
  /** That repository, and the listener of its state. */
  private watched: { readonly root: string; readonly listener: vscode.Disposable } | undefined;

  constructor() {
    super();
    this.register(vscode.extensions.onDidChange(() => this.changeEmitter.fire()));
    this.register({ dispose: () => (this.api?.listeners.dispose(), this.watched?.listener.dispose()) });
  }

  async historyOf(uri: vscode.Uri): Promise<FileHistory> {
    const extension = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION_ID);
    if (!extension) {
      return { kind: 'gitAbsent' };
    }
    const git = extension.isActive ? extension.exports : await extension.activate();
    this.watchEnablement(git);
    if (!git.enabled) {
      return { kind: 'gitDisabled' };
    }
    const api = this.apiOf(git);
    if (api.state !== 'initialized') {
      return { kind: 'gitStarting' };
    }
    const repository = api.getRepository(uri);
    if (!repository) {
      return { kind: 'notInRepository' };
    }
    this.watchHead(repository);
    return { kind: 'commits', commits: await repository.log({ path: uri.fsPath, maxEntries: MAX_COMMITS }) };
  }

  /** Follows HEAD of the repository shown (one at a time: its state changes with every edit, HEAD rarely). */
  private watchHead(repository: GitRepository): void {
    const root = repository.rootUri.toString();
    if (this.watched?.root === root) {
      return;
    }
    this.watched?.listener.dispose();
    let head = repository.state.HEAD?.commit;
    const listener = repository.state.onDidChange(() => {
      const now = repository.state.HEAD?.commit;
      if (now !== head) {
        head = now;
        this.headEmitter.fire();
      }
    });
    this.watched = { root, listener };
  }

  private watchEnablement(git: GitExtension): void {
    if (!this.watchingEnablement) {
      this.watchingEnablement = true;
      this.register(
        git.onDidChangeEnablement(() => {
          // Turned off and on again, git builds a new model: the next look takes a new API.
          this.api?.listeners.dispose();
          this.api = undefined;
          this.changeEmitter.fire();
        }),
      );
    }
  }

  /** The API, once: its events tell when the scan ends and when repositories open or close. */
  private apiOf(git: GitExtension): GitApi {
    if (!this.api) {
      const api = git.getAPI(1);
      const fire = () => this.changeEmitter.fire();
      const listeners = vscode.Disposable.from(api.onDidChangeState(fire), api.onDidOpenRepository(fire), api.onDidCloseRepository(fire));
      this.api = { api, listeners };
    }
    return this.api.api;
  }
}
