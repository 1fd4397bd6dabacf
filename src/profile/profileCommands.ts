import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { CapacityCache } from '../capacity/capacityCache';
import { TeammatesStore } from '../teammates/teammatesStore';
import { PhotoCache } from '../photos/photoCache';
import { TeammatesView } from '../teammates/teammatesView';
import { ProfilePanelManager, readDefaultPreset } from './profilePanelManager';
import { CommandTarget, resolveTarget } from '../teammates/commandTarget';
import { offerSignIn } from '../accounts/accountCommands';
import { Commands } from '../shared/ids';

/** The profile panels, their commands, and a teammate picked in the tree opening theirs. */
export function registerProfiles(
  context: vscode.ExtensionContext,
  parts: { session: KantataSession; photos: PhotoCache; capacities: CapacityCache; log: vscode.LogOutputChannel; teammates: TeammatesStore; teammatesView: TeammatesView },
): ProfilePanelManager {
  const { session, photos, capacities, log, teammates, teammatesView } = parts;
  const profiles = new ProfilePanelManager({ session, photos, capacities, extensionUri: context.extensionUri, log, defaultPreset: readDefaultPreset });
  context.subscriptions.push(
    profiles,
    registerProfileCommands(profiles, teammates, session),
    teammatesView.onDidPickTeammate((user) => profiles.open(user)),
  );
  return profiles;
}

export function registerProfileCommands(panels: ProfilePanelManager, store: TeammatesStore, session: KantataSession): vscode.Disposable {
  const open = async (target: CommandTarget, focusCapacity: boolean, title: string, preview = false) => {
    if (!session.isSignedIn) {
      offerSignIn();
      return undefined;
    }
    const user = await resolveTarget(target, store, session, title);
    return user ? panels.open(user, { focusCapacity, preview }) : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.openProfile, async (target?: CommandTarget) => Boolean(await open(target, false, vscode.l10n.t('Kantata: Open Profile')))),
    vscode.commands.registerCommand(Commands.previewProfile, async (target?: CommandTarget) => Boolean(await open(target, false, vscode.l10n.t('Kantata: Open Profile'), true))),
    vscode.commands.registerCommand(Commands.keepProfileOpen, () => panels.keepOpen()),
    vscode.commands.registerCommand(Commands.showCapacity, async (target?: CommandTarget) => Boolean(await open(target, true, vscode.l10n.t('Kantata: Show Capacity')))),
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
