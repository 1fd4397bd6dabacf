import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { PhotoCache } from '../photos/photoCache';
import { clipText, iconLabelText } from '../shared/displayText';
import { Commands } from '../shared/ids';
import { TeammateNode } from './teammateNodes';
import { TeammatesStore } from './teammatesStore';
import { TeammatesView } from './teammatesView';

/** The teammates list, its tree view and the tree's Copy Email. */
export function registerTeammates(
  context: vscode.ExtensionContext,
  session: KantataSession,
  photos: PhotoCache,
  log: vscode.LogOutputChannel,
): { teammates: TeammatesStore; teammatesView: TeammatesView } {
  const teammates = new TeammatesStore(session, log);
  const teammatesView = new TeammatesView(teammates, session, photos);
  context.subscriptions.push(teammates, teammatesView, registerCopyEmailCommand());
  return { teammates, teammatesView };
}

/** Copy Email, from a user's context menu in the Teammates tree. */
function registerCopyEmailCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.copyEmail, async (node?: TeammateNode) => {
    if (node?.kind !== 'user' || !node.user.emailAddress) {
      void vscode.window.showInformationMessage('Right-click a teammate in the Kantata Teammates view to copy their email.');
      return;
    }
    await vscode.env.clipboard.writeText(node.user.emailAddress);
    // Status-bar text draws `$(icon)` and has room for one line: the address is escaped and clipped.
    vscode.window.setStatusBarMessage(`Copied ${iconLabelText(clipText(node.user.emailAddress.replace(/\s+/g, ' '), 80))}`, 3000);
  });
}
