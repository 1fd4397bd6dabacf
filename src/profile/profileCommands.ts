import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { TeammatesStore } from '../teammates/teammatesStore';
import { ProfilePanels } from './profilePanels';
import { CommandTarget, resolveTarget } from '../teammates/commandTarget';
import { offerSignIn } from '../accounts/accountCommands';
import { Commands } from '../shared/ids';

export function registerProfileCommands(panels: ProfilePanels, store: TeammatesStore, session: KantataSession): vscode.Disposable {
  const open = async (target: CommandTarget, focusCapacity: boolean, title: string) => {
    if (!session.isSignedIn) {
      offerSignIn();
      return undefined;
    }
    const user = await resolveTarget(target, store, session, title);
    return user ? panels.open(user, { focusCapacity }) : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.openProfile, async (target?: CommandTarget) => Boolean(await open(target, false, 'Kantata: Open Profile'))),
    vscode.commands.registerCommand(Commands.showCapacity, async (target?: CommandTarget) => Boolean(await open(target, true, 'Kantata: Show Capacity'))),
    vscode.commands.registerCommand(Commands.showMyCapacity, () => {
      // The account knows who it is from its sign-in: no request before the panel opens.
      const account = session.current;
      if (!account) {
        offerSignIn();
        return false;
      }
      panels.open({ id: account.userId, fullName: account.userName }, { focusCapacity: true });
      return true;
    }),
  );
}
