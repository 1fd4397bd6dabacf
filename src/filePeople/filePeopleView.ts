import * as vscode from 'vscode';
import type { KantataSession } from '../accounts/session';
import type { WeekAheadStore } from '../capacity/weekAheadStore';
import type { KantataError } from '../kantata/errors';
import type { User } from '../kantata/types';
import { formatNumber } from '../locale/displayLanguage';
import { escapeMarkdownText } from '../shared/displayText';
import { DisposableStore } from '../shared/disposable';
import { Commands, TreeItemContexts, Views } from '../shared/ids';
import type { PhotoSource } from '../teammates/teammatesTreeProvider';
import { spokenNotice, userTooltip, youMarker } from '../teammates/teammateTreeItems';
import { commitsText, shortCommitsText, type FileAuthor } from './fileAuthors';
import type { FilePeopleState, FilePeopleStore } from './filePeopleStore';

/**
 * The rows of People in This File. A person's row has the Teammates tree's user-row shape (`kind: 'user'`,
 * `user`, no parent), so Open Profile, Show Capacity and Copy Email take it as they take a teammate's.
 */
export type FilePeopleNode =
  | { readonly kind: 'user'; readonly user: User; readonly author: FileAuthor; readonly parent: undefined }
  | { readonly kind: 'others'; readonly authors: readonly FileAuthor[] }
  | { readonly kind: 'author'; readonly author: FileAuthor }
  | { readonly kind: 'notice'; readonly severity: 'loading' | 'error'; readonly message: string; readonly error?: KantataError };

/** The tree: people first (most recent change first), then "Not in Kantata"; no rows in the welcome states. */
class FilePeopleTreeProvider extends DisposableStore implements vscode.TreeDataProvider<FilePeopleNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<FilePeopleNode | FilePeopleNode[] | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: FilePeopleNode[] = [];

  constructor(
    private readonly store: FilePeopleStore,
    private readonly session: KantataSession,
    private readonly weekAhead: WeekAheadStore,
    private readonly photos: PhotoSource,
  ) {
    super();
    this.register(store.onDidChange(() => this.rebuild()));
    this.register(weekAhead.onDidChange((userIds) => this.repaint((user) => userIds.includes(user.id))));
    this.register(photos.onDidLoad((photoUrl) => this.repaint((user) => user.photoPath === photoUrl)));
    this.rebuild();
  }

  /** Paints again the rows of the people whose week ahead or photo arrived. */
  private repaint(affects: (user: User) => boolean): void {
    const rows = this.roots.filter((node) => node.kind === 'user' && affects(node.user));
    if (rows.length > 0) {
      this.changeEmitter.fire(rows);
    }
  }

  getTreeItem(node: FilePeopleNode): vscode.TreeItem {
    switch (node.kind) {
      case 'user':
        return this.personItem(node.user, node.author);
      case 'others':
        return othersItem(node.authors);
      case 'author':
        return authorItem(node.author);
      case 'notice':
        return noticeItem(node);
    }
  }

  getChildren(node?: FilePeopleNode): FilePeopleNode[] {
    if (!node) {
      return this.roots;
    }
    return node.kind === 'others' ? node.authors.map((author) => ({ kind: 'author', author })) : [];
  }

  private rebuild(): void {
    this.roots = rootsOf(this.store.state);
    this.changeEmitter.fire(undefined);
  }

  /** The week ahead is the description: it is what someone looking for a person to ask wants first. */
  private personItem(user: User, author: FileAuthor): vscode.TreeItem {
    const isMe = this.session.isMe(user.id);
    const accountId = this.session.current?.account.id;
    const week = accountId === undefined ? undefined : this.weekAhead.get(accountId, user.id);
    const weekText = week?.kind === 'known' ? week.weekAhead.text : '';
    const item = new vscode.TreeItem(user.fullName, vscode.TreeItemCollapsibleState.None);
    item.id = `user/${user.id}`;
    // Whether they are around first (it is what someone looking for a person to ask wants), then what git says.
    item.description = [[isMe ? youMarker() : '', weekText].filter(Boolean).join(' '), shortCommitsText(author)].filter(Boolean).join(' \u00b7 ');
    // The Teammates tree's tooltip (headline, email, role, week ahead), then what git says.
    const tooltip = userTooltip(user, isMe, week);
    tooltip.appendMarkdown(`\n\n$(git-commit) ${escapeMarkdownText(commitsText(author))}`);
    if (author.name !== user.fullName) {
      tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Commits as {0}', escapeMarkdownText(`${author.name} <${author.email}>`))}`);
    }
    item.tooltip = tooltip;
    item.iconPath = (user.photoPath ? this.photos.get(user.photoPath) : undefined) ?? new vscode.ThemeIcon('account');
    item.contextValue = `${TreeItemContexts.user} ${TreeItemContexts.userWithEmail}`;
    // No arguments, as in the Teammates tree: rows are repainted when a photo or the week ahead arrives (see userTreeItem).
    item.command = { command: Commands.openFilePersonRow, title: vscode.l10n.t('Open Profile') };
    item.accessibilityInformation = { label: [isMe ? `${user.fullName} ${youMarker()}` : user.fullName, commitsText(author), weekText].filter(Boolean).join(', ') };
    return item;
  }
}

function rootsOf(state: FilePeopleState): FilePeopleNode[] {
  switch (state.kind) {
    case 'loading':
      return [{ kind: 'notice', severity: 'loading', message: vscode.l10n.t('Reading the file’s history…') }];
    case 'gitFailed':
      return [{ kind: 'notice', severity: 'error', message: state.message }];
    case 'lookupFailed': {
      const message = state.error.kind === 'cancelled' ? vscode.l10n.t('Looking up the file’s people was cancelled.') : state.error.userMessage;
      return [{ kind: 'notice', severity: 'error', message, error: state.error }];
    }
    case 'loaded': {
      const people: FilePeopleNode[] = state.people.map(({ user, author }) => ({ kind: 'user', user, author, parent: undefined }));
      return state.others.length > 0 ? [...people, { kind: 'others', authors: state.others }] : people;
    }
    default:
      return [];
  }
}

function othersItem(authors: readonly FileAuthor[]): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Not in Kantata'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = 'others';
  item.description = formatNumber(authors.length);
  item.tooltip = vscode.l10n.t('Authors of this file whose address matches nobody you can see in Kantata, or a no-reply address');
  return item;
}

function authorItem(author: FileAuthor): vscode.TreeItem {
  const item = new vscode.TreeItem(author.name, vscode.TreeItemCollapsibleState.None);
  item.id = `author/${author.emailKey}`;
  item.description = commitsText(author);
  const lines = [`**${escapeMarkdownText(author.name)}**`, `$(git-commit) ${escapeMarkdownText(commitsText(author))}`, `$(mail) ${escapeMarkdownText(author.email)}`];
  lines.push(author.noReply ? vscode.l10n.t('A no-reply address: not looked up in Kantata') : vscode.l10n.t('Nobody you can see in Kantata has this address'));
  const tooltip = new vscode.MarkdownString(lines.join('\n\n'), true);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(author.noReply ? 'circle-slash' : 'person');
  return item;
}

function noticeItem(node: Extract<FilePeopleNode, { kind: 'notice' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `notice/${node.severity}`;
  item.tooltip = node.message;
  item.iconPath = node.severity === 'loading' ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  if (node.error) {
    // The error's remedies become inline actions (view/item/context in package.json), as in the Teammates tree.
    const remedies = node.error.kind === 'cancelled' ? ['retry'] : node.error.remedies;
    item.contextValue = [TreeItemContexts.notice, ...remedies.map((remedy) => `${TreeItemContexts.remedyPrefix}${remedy}`)].join(' ');
    if (remedies.includes('retry')) {
      item.command = { command: Commands.retryFilePeople, title: vscode.l10n.t('Retry') };
    }
  }
  item.accessibilityInformation = { label: spokenNotice(node.severity, node.message) };
  return item;
}

/** The view, its title (the file's name) and its commands: Who Worked on This File?, Refresh, Retry, open a row. */
export class FilePeopleView extends DisposableStore {
  readonly provider: FilePeopleTreeProvider;
  readonly treeView: vscode.TreeView<FilePeopleNode>;

  constructor(
    private readonly store: FilePeopleStore,
    session: KantataSession,
    weekAhead: WeekAheadStore,
    photos: PhotoSource,
  ) {
    super();
    this.provider = this.register(new FilePeopleTreeProvider(store, session, weekAhead, photos));
    this.treeView = this.register(vscode.window.createTreeView(Views.filePeople, { treeDataProvider: this.provider }));
    this.register(this.treeView.onDidChangeVisibility((event) => store.setVisible(event.visible)));
    this.register(store.onDidChange(() => this.describe()));
    this.register(vscode.commands.registerCommand(Commands.whoWorkedOnFile, (uri?: unknown) => this.whoWorkedOn(uri)));
    this.register(vscode.commands.registerCommand(Commands.refreshFilePeople, () => store.refresh()));
    this.register(vscode.commands.registerCommand(Commands.retryFilePeople, () => store.reload()));
    this.register(
      vscode.commands.registerCommand(Commands.openFilePersonRow, async () => {
        const [node] = this.treeView.selection;
        if (node?.kind === 'user') {
          // A click shows the person in the preview panel, as a file clicked in the Explorer is previewed.
          await vscode.commands.executeCommand(Commands.previewProfile, node);
        }
      }),
    );
    store.setVisible(this.treeView.visible);
    this.describe();
  }

  /** The view's description names the file its rows are about. */
  private describe(): void {
    const file = this.store.state.file;
    this.treeView.description = file ? file.path.slice(file.path.lastIndexOf('/') + 1) : undefined;
  }

  /** Shows the view for a file: the one given (explorer, editor title), else the active editor's. */
  private async whoWorkedOn(given: unknown): Promise<boolean> {
    const file = given instanceof vscode.Uri ? given : vscode.window.activeTextEditor?.document.uri;
    if (!file || (file.scheme !== 'file' && file.scheme !== 'untitled')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file first: Who Worked on This File? shows the people in its git history.'));
      return false;
    }
    // The file first, so showing the view does not load the previous one.
    const shown = this.store.show(file);
    await vscode.commands.executeCommand(`${Views.filePeople}.focus`);
    await shown;
    return true;
  }
}
