import * as vscode from 'vscode';
import type { WeekAheadStore } from '../capacity/weekAheadStore';
import { offerSignIn } from '../accounts/accountCommands';
import { KantataSession } from '../accounts/session';
import { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { pickTeammate } from './findTeammate';
import { GroupBy } from './teammateGrouping';
import { LoadMoreNode, TeammateNode } from './teammateNodes';
import { writeGroupBy } from './teammatesSettings';
import { cachedListMessage } from './teammateTreeItems';
import { TeammatesStore } from './teammatesStore';
import { PhotoSource, TeammatesTreeProvider } from './teammatesTreeProvider';
import { ProjectTeamStore } from './projectTeam';
import { Commands, Views } from '../shared/ids';

/** Each Group By choice, and the same action shown with a check mark in the menu for the current choice. */
const groupByCommands: Readonly<Record<GroupBy, readonly [string, string]>> = {
  role: [Commands.groupByRole, Commands.groupByRoleSelected],
  classification: [Commands.groupByClassification, Commands.groupByClassificationSelected],
  country: [Commands.groupByCountry, Commands.groupByCountrySelected],
  none: [Commands.groupByNone, Commands.groupByNoneSelected],
};

/** The Teammates view and its own actions: refresh, retry, Group By, Load more, Find Teammate. */
export class TeammatesView extends DisposableStore {
  readonly provider: TeammatesTreeProvider;
  readonly treeView: vscode.TreeView<TeammateNode>;
  /** Renews the cached list's age while it is shown. */
  private ageTimer: NodeJS.Timeout | undefined;
  private readonly pickedEmitter = this.register(new vscode.EventEmitter<User>());
  /** Fires with the teammate chosen in Find Teammate (the profile panel opens it). */
  readonly onDidPickTeammate = this.pickedEmitter.event;

  constructor(
    private readonly store: TeammatesStore,
    private readonly session: KantataSession,
    photos: PhotoSource,
    projectTeam: ProjectTeamStore,
    weekAhead: WeekAheadStore,
  ) {
    super();
    this.provider = this.register(new TeammatesTreeProvider(store, session, photos, projectTeam, weekAhead));
    // Asked for by the user: photos that failed are tried again too, and the linked project's people reloaded.
    const refresh = async () => {
      photos.clearFailures();
      await Promise.all([this.store.refresh(), projectTeam.refresh()]);
    };
    // The Retry of the project group's row reloads that group only; the list's Retry reloads everything.
    const retry = (node?: TeammateNode) => (node?.kind === 'notice' && node.projectId ? projectTeam.refresh() : refresh());
    this.treeView = this.register(
      vscode.window.createTreeView(Views.teammates, { treeDataProvider: this.provider, showCollapseAll: true, canSelectMany: true }),
    );
    this.register(vscode.commands.registerCommand(Commands.refreshTeammates, refresh));
    this.register(vscode.commands.registerCommand(Commands.retryTeammates, retry));
    this.register(vscode.commands.registerCommand(Commands.loadMoreTeammates, (node: LoadMoreNode) => this.provider.loadMore(node)));
    this.register(vscode.commands.registerCommand(Commands.findTeammate, () => this.findTeammate()));
    this.register(
      vscode.commands.registerCommand(Commands.openTeammateRow, async () => {
        const [node] = this.treeView.selection;
        if (node?.kind === 'user') {
          // A click shows the person in the preview panel, as a file clicked in the Explorer is previewed.
          await vscode.commands.executeCommand(Commands.previewProfile, node);
        }
      }),
    );
    for (const [groupBy, commands] of Object.entries(groupByCommands) as [GroupBy, readonly string[]][]) {
      for (const command of commands) {
        this.register(vscode.commands.registerCommand(command, () => writeGroupBy(groupBy)));
      }
    }
    this.register(store.onDidChange(() => this.showCachedMarker()));
    this.register({ dispose: () => clearInterval(this.ageTimer) });
    this.showCachedMarker();
  }

  /** While the list is the one from the last session, the view says so, with its age, above the rows. */
  private showCachedMarker(): void {
    const savedAt = this.store.cachedAt;
    // Until a load has landed or failed, a cached list is being (or about to be) loaded again.
    const message = savedAt === undefined ? undefined : cachedListMessage(savedAt, this.store.error === undefined);
    if (this.treeView.message !== message) {
      this.treeView.message = message;
    }
    if (savedAt === undefined) {
      clearInterval(this.ageTimer);
      this.ageTimer = undefined;
    } else {
      this.ageTimer ??= setInterval(() => this.showCachedMarker(), 60_000);
    }
  }

  /** Picks a teammate, then reveals and selects their row. Returns the user, for callers that open more. */
  async findTeammate(): Promise<User | undefined> {
    if (!this.session.isSignedIn) {
      offerSignIn(vscode.l10n.t('Sign in to Kantata to find a teammate.'));
      return undefined;
    }
    if (!this.store.users && !this.store.isLoading) {
      void this.store.refresh();
    }
    const user = await pickTeammate(this.store, this.session, vscode.l10n.t('Kantata: Find Teammate'));
    if (!user) {
      return undefined;
    }
    await this.reveal(user.id);
    this.pickedEmitter.fire(user);
    return user;
  }

  async reveal(userId: string): Promise<void> {
    const node = this.provider.nodeForUser(userId);
    if (!node) {
      return;
    }
    if (!this.treeView.visible) {
      // A hidden view has no rows to select yet: show it first.
      await vscode.commands.executeCommand(`${Views.teammates}.focus`);
    }
    await this.treeView.reveal(node, { select: true, focus: true, expand: true });
  }
}
