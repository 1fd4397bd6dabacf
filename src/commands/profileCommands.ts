import * as vscode from 'vscode';
import { KantataSession } from '../auth/session';
import { isKantataError } from '../kantata/errors';
import { notifyProblem } from '../util/errorNotification';
import { TeammatesStore } from '../views/teammatesStore';
import { ProfilePanels } from '../webview/profilePanels';
import { askToSignIn, CommandTarget, resolveTarget } from './commandTarget';

export function registerProfileCommands(panels: ProfilePanels, store: TeammatesStore, session: KantataSession): vscode.Disposable {
  const open = async (target: CommandTarget, focusCapacity: boolean, title: string) => {
    if (!session.isSignedIn) {
      askToSignIn();
      return undefined;
    }
    const user = await resolveTarget(target, store, session, title);
    return user ? panels.open(user, { focusCapacity }) : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('kantata.openProfile', async (target?: CommandTarget) => Boolean(await open(target, false, 'Kantata: Open Profile'))),
    vscode.commands.registerCommand('kantata.showCapacity', async (target?: CommandTarget) => Boolean(await open(target, true, 'Kantata: Show Capacity'))),
    vscode.commands.registerCommand('kantata.showMyCapacity', async () => {
      if (!session.isSignedIn) {
        askToSignIn();
        return false;
      }
      const state = session.state;
      let me = state.kind === 'signedIn' ? state.user : undefined;
      if (!me) {
        try {
          me = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Kantata: finding who you are' }, () => session.client.me());
        } catch (error) {
          session.handleRequestError(error);
          notifyProblem('error', isKantataError(error) ? error.userMessage : String(error), isKantataError(error) && error.remedies.includes('retry') ? ['Try Again'] : [], () =>
            vscode.commands.executeCommand('kantata.showMyCapacity'),
          );
          return false;
        }
      }
      panels.open(me, { focusCapacity: true });
      return true;
    }),
  );
}
