import * as vscode from 'vscode';
import { KantataSession } from '../auth/session';
import { User } from '../kantata/types';
import { pickTeammate } from '../views/findTeammate';
import { TeammateNode } from '../views/teammateNodes';
import { TeammatesStore } from '../views/teammatesStore';
import { ProfilePanels } from '../webview/profilePanels';

/** What a profile command may be invoked with: a tree row, a panel's `{ userId }`, or nothing (palette). */
type ProfileTarget = TeammateNode | { readonly userId: string } | undefined;

async function askToSignIn(): Promise<void> {
  const signIn = 'Sign In';
  if ((await vscode.window.showInformationMessage('Sign in to Kantata first.', signIn)) === signIn) {
    await vscode.commands.executeCommand('kantata.signIn');
  }
}

/** The person a command is about: the row or panel it came from, else one picked from the loaded teammates. */
export async function resolveTarget(target: ProfileTarget, store: TeammatesStore, session: KantataSession, title: string): Promise<Pick<User, 'id' | 'fullName'> | undefined> {
  if (target && 'kind' in target) {
    return target.kind === 'user' ? target.user : undefined;
  }
  if (target && 'userId' in target && typeof target.userId === 'string') {
    const known = store.users?.find((user) => user.id === target.userId);
    const state = session.state;
    const me = state.kind === 'signedIn' && state.user?.id === target.userId ? state.user : undefined;
    return known ?? me ?? { id: target.userId, fullName: 'Kantata Profile' };
  }
  if (!store.users && !store.isLoading) {
    void store.refresh();
  }
  return pickTeammate(store, session, title);
}

export function registerProfileCommands(panels: ProfilePanels, store: TeammatesStore, session: KantataSession): vscode.Disposable {
  const open = async (target: ProfileTarget, focusCapacity: boolean, title: string) => {
    if (!session.isSignedIn) {
      await askToSignIn();
      return undefined;
    }
    const user = await resolveTarget(target, store, session, title);
    return user ? panels.open(user, { focusCapacity }) : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('kantata.openProfile', async (target?: ProfileTarget) => Boolean(await open(target, false, 'Kantata: Open Profile'))),
    vscode.commands.registerCommand('kantata.showCapacity', async (target?: ProfileTarget) => Boolean(await open(target, true, 'Kantata: Show Capacity'))),
    vscode.commands.registerCommand('kantata.showMyCapacity', async () => {
      if (!session.isSignedIn) {
        await askToSignIn();
        return false;
      }
      const state = session.state;
      let me = state.kind === 'signedIn' ? state.user : undefined;
      if (!me) {
        try {
          me = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Kantata: finding who you are' }, () => session.client.me());
        } catch (error) {
          session.handleRequestError(error);
          void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
          return false;
        }
      }
      panels.open(me, { focusCapacity: true });
      return true;
    }),
  );
}
