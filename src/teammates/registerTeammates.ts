import * as vscode from 'vscode';
import type { WeekAheadStore } from '../capacity/weekAheadStore';
import { KantataSession } from '../accounts/session';
import { PhotoCache } from '../photos/photoCache';
import { clipText, iconLabelText } from '../shared/displayText';
import { Commands } from '../shared/ids';
import { registerProjectLinkCommands, ProjectTeamStore } from './projectTeam';
import { TeammateNode } from './teammateNodes';
import { TeammatesCache } from './teammatesCache';
import { TeammatesStore } from './teammatesStore';
import { TeammatesView } from './teammatesView';

/** The teammates list, the linked project's people, the tree view, the tree's Copy Email and the project link commands. */
export function registerTeammates(
  context: vscode.ExtensionContext,
  session: KantataSession,
  photos: PhotoCache,
  log: vscode.LogOutputChannel,
  weekAhead: WeekAheadStore,
): { teammates: TeammatesStore; teammatesView: TeammatesView; projectTeam: ProjectTeamStore } {
  const cache = new TeammatesCache(vscode.Uri.joinPath(context.globalStorageUri, 'teammates').fsPath, log);
  const teammates = new TeammatesStore(session, log, cache); // reads the restored account's list: first
  // A sign-out, a removed account or a rejected token (each forgets the account) deletes its list.
  cache.register(session.onDidChangeAccounts(() => void cache.keepOnly(session.accounts.list().map((account) => account.id))));
  void cache.keepOnly(session.accounts.list().map((account) => account.id));
  const projectTeam = new ProjectTeamStore(session, log);
  const teammatesView = new TeammatesView(teammates, session, photos, projectTeam, weekAhead);
  context.subscriptions.push(cache, teammates, projectTeam, teammatesView, registerCopyEmailCommand(), registerProjectLinkCommands());
  return { teammates, teammatesView, projectTeam };
}

/** Copy Email, from a user's context menu in the Teammates tree. */
function registerCopyEmailCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.copyEmail, async (node?: TeammateNode) => {
    if (node?.kind !== 'user' || !node.user.emailAddress) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Right-click a teammate in the Kantata Teammates view to copy their email.'));
      return;
    }
    await vscode.env.clipboard.writeText(node.user.emailAddress);
    // Status-bar text draws `$(icon)` and has room for one line: the address is escaped and clipped.
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', iconLabelText(clipText(node.user.emailAddress.replace(/\s+/g, ' '), 80))), 3000);
  });
}
