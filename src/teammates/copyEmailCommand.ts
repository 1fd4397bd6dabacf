import * as vscode from 'vscode';
import { clipText, iconLabelText } from '../shared/displayText';
import { TeammateNode } from './teammateNodes';
import { Commands } from '../shared/ids';

/** Copy Email, from a user's context menu in the Teammates tree. */
export function registerCopyEmailCommand(): vscode.Disposable {
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
