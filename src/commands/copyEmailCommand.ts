import * as vscode from 'vscode';
import { TeammateNode } from '../views/teammateNodes';

/** Copy Email, from a user's context menu in the Teammates tree. */
export function registerCopyEmailCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('kantata.copyEmail', async (node?: TeammateNode) => {
    if (node?.kind !== 'user' || !node.user.emailAddress) {
      void vscode.window.showInformationMessage('Right-click a teammate in the Kantata Teammates view to copy their email.');
      return;
    }
    await vscode.env.clipboard.writeText(node.user.emailAddress);
    vscode.window.setStatusBarMessage(`Copied ${node.user.emailAddress}`, 3000);
  });
}
