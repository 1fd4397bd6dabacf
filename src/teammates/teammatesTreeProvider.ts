import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { GroupBy, groupTeammates } from './teammateGrouping';
import { GROUP_PAGE_SIZE, GroupNode, LoadMoreNode, NoticeNode, TeammateNode, UserNode } from './teammateNodes';
import { groupTreeItem, loadMoreTreeItem, noticeTreeItem, userTreeItem } from './teammateTreeItems';
import { readGroupBy } from './teammatesSettings';
import { TeammatesStore } from './teammatesStore';
import { Settings } from '../shared/ids';
import { ProjectTeamStore } from './projectTeam';
import type { WeekAheadState, WeekAheadStore } from '../capacity/weekAheadStore';

/** Where user icons come from: the photo when it is cached, else undefined (and it gets fetched). */
export interface PhotoSource {
  get(photoUrl: string): vscode.Uri | undefined;
  readonly onDidLoad: vscode.Event<string>;
  /** Photos that failed are tried again now (the user asked for a refresh). */
  clearFailures(): void;
}

/**
 * The Teammates tree: the store's users grouped by the Group By setting. Nodes are rebuilt only when the
 * data or the grouping changes, so the same objects come back for `reveal` and for refreshes of single rows.
 */
export class TeammatesTreeProvider extends DisposableStore implements vscode.TreeDataProvider<TeammateNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<TeammateNode | TeammateNode[] | undefined>());
  private readonly rowsToRepaint = new Set<TeammateNode>();
  private repaintTimer: NodeJS.Timeout | undefined;
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private groupBy: GroupBy = readGroupBy();
  private notices: NoticeNode[] = [];
  private groups: GroupNode[] = [];
  /** "This project (#N)", first, when the workspace is linked to a project and someone is signed in. */
  private projectGroup: GroupNode | undefined;
  /** Everyone, sorted, when the tree is not grouped. */
  private flat: readonly User[] = [];
  /** Users shown per group key (big groups grow by GROUP_PAGE_SIZE with "Load more"). */
  private readonly shownPerGroup = new Map<string, number>();
  private readonly childCache = new Map<GroupNode | undefined, TeammateNode[]>();
  private readonly nodesByUserId = new Map<string, UserNode>();
  /** User nodes currently handed to VS Code, by photo URL: the rows to repaint when a photo arrives. */
  private readonly rowsByPhoto = new Map<string, Set<UserNode>>();
  /**
   * Gives up on the week-ahead answers still coming when the tree goes. Not on a rebuild: the store does not
   * ask twice for someone it is loading, and an old account's requests end with its client.
   */
  private readonly weekAheadRequests = new AbortController();

  constructor(
    private readonly store: TeammatesStore,
    private readonly session: KantataSession,
    private readonly photos: PhotoSource,
    private readonly projectTeam: ProjectTeamStore,
    private readonly weekAhead: WeekAheadStore,
  ) {
    super();
    this.register(store.onDidChange(() => this.rebuild()));
    this.register(projectTeam.onDidChange(() => this.rebuild()));
    this.register(weekAhead.onDidChange((userIds) => this.repaintProjectRows(userIds)));
    this.register({ dispose: () => this.weekAheadRequests.abort() });
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(Settings.teammatesGroupBy)) {
          this.groupBy = readGroupBy();
          this.shownPerGroup.clear();
          this.rebuild();
        }
      }),
    );
    this.register(
      photos.onDidLoad((photoUrl) => {
        for (const node of this.rowsByPhoto.get(photoUrl) ?? []) {
          this.rowsToRepaint.add(node);
        }
        // Photos arrive in bursts after a group opens: repaint their rows together, once.
        this.repaintTimer ??= setTimeout(() => {
          this.repaintTimer = undefined;
          const rows = [...this.rowsToRepaint];
          this.rowsToRepaint.clear();
          if (rows.length > 0) {
            this.changeEmitter.fire(rows);
          }
        }, 100);
      }),
    );
    this.register({ dispose: () => clearTimeout(this.repaintTimer) });
    this.rebuild();
  }

  getTreeItem(node: TeammateNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return groupTreeItem(node);
      case 'user':
        return userTreeItem(node, this.isMe(node.user), this.photoFor(node), this.weekAheadOf(node));
      case 'loadMore':
        return loadMoreTreeItem(node);
      case 'notice':
        return noticeTreeItem(node);
    }
  }

  getChildren(node?: TeammateNode): TeammateNode[] {
    if (!node) {
      const project = this.projectGroup ? [this.projectGroup] : [];
      return [...project, ...this.notices, ...(this.groupBy === 'none' ? this.childrenOf(undefined) : this.groups)];
    }
    if (node.kind !== 'group') {
      return [];
    }
    return node === this.projectGroup ? this.projectChildren(node) : this.childrenOf(node);
  }

  getParent(node: TeammateNode): TeammateNode | undefined {
    return node.kind === 'user' || node.kind === 'loadMore' ? node.parent : undefined;
  }

  /** The node of a loaded user, making sure it is among the shown ones of its group (for reveal). */
  nodeForUser(userId: string): UserNode | undefined {
    const node = this.nodesByUserId.get(userId);
    if (!node) {
      return undefined;
    }
    const key = node.parent?.group.key ?? '';
    const users = node.parent?.group.users ?? this.flat;
    const index = users.findIndex((user) => user.id === userId);
    if (index >= (this.shownPerGroup.get(key) ?? GROUP_PAGE_SIZE)) {
      this.shownPerGroup.set(key, Math.ceil((index + 1) / GROUP_PAGE_SIZE) * GROUP_PAGE_SIZE);
      this.childCache.delete(node.parent);
      this.changeEmitter.fire(node.parent);
    }
    return node;
  }

  loadMore(node: LoadMoreNode): void {
    const key = node.parent?.group.key ?? '';
    this.shownPerGroup.set(key, (this.shownPerGroup.get(key) ?? GROUP_PAGE_SIZE) + GROUP_PAGE_SIZE);
    this.childCache.delete(node.parent);
    this.changeEmitter.fire(node.parent);
  }

  private isMe(user: User): boolean {
    return this.session.isMe(user.id);
  }

  private photoFor(node: UserNode): vscode.Uri | undefined {
    const url = node.user.photoPath;
    if (!url) {
      return undefined;
    }
    let rows = this.rowsByPhoto.get(url);
    if (!rows) {
      rows = new Set();
      this.rowsByPhoto.set(url, rows);
    }
    rows.add(node);
    return this.photos.get(url);
  }

  private rebuild(): void {
    this.childCache.clear();
    this.nodesByUserId.clear();
    this.rowsByPhoto.clear();
    this.notices = this.currentNotices();
    this.projectGroup = projectGroupOf(this.projectTeam);
    const users = this.store.users ?? [];
    if (this.groupBy === 'none') {
      this.groups = [];
      this.flat = groupTeammates(users, 'none')[0]?.users ?? [];
      for (const user of this.flat) {
        this.nodesByUserId.set(user.id, { kind: 'user', user, parent: undefined });
      }
    } else {
      this.flat = [];
      this.groups = groupTeammates(users, this.groupBy).map((group) => ({ kind: 'group', group }));
      for (const group of this.groups) {
        for (const user of group.group.users) {
          this.nodesByUserId.set(user.id, { kind: 'user', user, parent: group });
        }
      }
    }
    this.changeEmitter.fire(undefined);
  }

  private currentNotices(): NoticeNode[] {
    const error = this.store.error;
    if (error) {
      const message = error.kind === 'cancelled' ? vscode.l10n.t('Loading teammates was cancelled.') : error.userMessage;
      return [
        this.store.users
          ? { kind: 'notice', severity: 'warning', message: vscode.l10n.t("Couldn't refresh: {0} Showing the last loaded list.", message), error }
          : { kind: 'notice', severity: 'error', message, error },
      ];
    }
    if (this.store.isLoading && !this.store.users) {
      return [{ kind: 'notice', severity: 'loading', message: vscode.l10n.t('Loading teammates…') }];
    }
    return [];
  }

  /** The project's people, or the one row that says why there are none (yet). */
  private projectChildren(group: GroupNode): TeammateNode[] {
    const team = this.projectTeam.team;
    if (!team || team.projectId !== group.projectId) {
      return [];
    }
    const { projectId, state } = team;
    switch (state.kind) {
      case 'loading':
        return [{ kind: 'notice', severity: 'loading', message: vscode.l10n.t('Loading the people on project {0}…', projectId), projectId }];
      case 'failed': {
        const message = state.error.kind === 'cancelled' ? vscode.l10n.t('Loading the project’s people was cancelled.') : state.error.userMessage;
        return [{ kind: 'notice', severity: 'error', message, error: state.error, projectId }];
      }
      case 'loaded':
        if (state.users.length === 0) {
          const message = vscode.l10n.t('Nobody you can see is on project {0} (it may not exist, or be hidden from this account)', projectId);
          return [{ kind: 'notice', severity: 'info', message, projectId }];
        }
        return this.withWeekAhead(this.childrenOf(group));
    }
  }

  /** The project's rows say whether each person is around this week: asked once a day, when the rows are shown. */
  private withWeekAhead(rows: TeammateNode[]): TeammateNode[] {
    const account = this.session.current;
    const userIds = rows.flatMap((row) => (row.kind === 'user' && this.weekAheadOf(row) === undefined ? [row.user.id] : []));
    if (account && userIds.length > 0) {
      void this.weekAhead.request({ accountId: account.account.id, fetcher: account.client }, userIds, this.weekAheadRequests.signal);
    }
    return rows;
  }

  private weekAheadOf(node: UserNode): WeekAheadState | undefined {
    const account = this.session.current;
    return node.parent?.projectId !== undefined && account ? this.weekAhead.get(account.account.id, node.user.id) : undefined;
  }

  private repaintProjectRows(userIds: readonly string[]): void {
    const changed = new Set(userIds);
    const rows = (this.projectGroup && this.childCache.get(this.projectGroup)) ?? [];
    const repaint = rows.filter((row) => row.kind === 'user' && changed.has(row.user.id));
    if (repaint.length > 0) {
      this.changeEmitter.fire(repaint);
    }
  }

  private childrenOf(group: GroupNode | undefined): TeammateNode[] {
    let children = this.childCache.get(group);
    if (!children) {
      children = this.page(group, group?.group.users ?? this.flat);
      this.childCache.set(group, children);
    }
    return children;
  }

  /** The shown part of a group's users, then a "Load more" row when some are still hidden. */
  private page(parent: GroupNode | undefined, users: readonly User[]): TeammateNode[] {
    const shown = this.shownPerGroup.get(parent?.group.key ?? '') ?? GROUP_PAGE_SIZE;
    // A person in "This project" is also in a usual group: each row keeps its own parent (for reveal and ids).
    const nodeOf = (user: User): UserNode => {
      const known = this.nodesByUserId.get(user.id);
      return known && known.parent === parent ? known : { kind: 'user', user, parent };
    };
    const nodes: TeammateNode[] = users.slice(0, shown).map(nodeOf);
    if (users.length > shown) {
      nodes.push({ kind: 'loadMore', parent, remaining: users.length - shown });
    }
    return nodes;
  }
}

/** The "This project" group of the team, its people sorted by name (none until they are loaded). */
function projectGroupOf(projectTeam: ProjectTeamStore): GroupNode | undefined {
  const team = projectTeam.team;
  if (!team) {
    return undefined;
  }
  const users = team.state.kind === 'loaded' ? groupTeammates(team.state.users, 'none')[0]?.users ?? [] : [];
  return { kind: 'group', group: { key: `project:${team.projectId}`, label: vscode.l10n.t('This project (#{0})', team.projectId), users }, projectId: team.projectId };
}
