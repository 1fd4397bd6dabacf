import * as vscode from 'vscode';
import { CommandTarget } from '../teammates/commandTarget';
import { PhotoCommandParts, resetProfilePhoto, updateProfilePhoto } from './profilePhotoCommands';
import { updateUser } from './updateUserCommand';
import { Commands } from '../shared/ids';
import { AccountSession } from '../accounts/accountSession';
import { KantataSession } from '../accounts/session';
import { User } from '../kantata/types';
import { TeammatesStore } from '../teammates/teammatesStore';
import { ProfilePanelManager } from '../profile/profilePanelManager';

/** The write side of the Users API: Update User…, Update Profile Photo…, Reset Profile Photo. */
export function registerUserCommands(parts: PhotoCommandParts): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.updateUser, (target?: CommandTarget) => updateUser(target, parts)),
    vscode.commands.registerCommand(Commands.updateProfilePhoto, (target?: CommandTarget) => updateProfilePhoto(target, parts)),
    vscode.commands.registerCommand(Commands.resetProfilePhoto, (target?: CommandTarget) => resetProfilePhoto(target, parts)),
  );
}

/**
 * After an edit made in `account`: the tree, an open profile panel and the status bar show the new values,
 * without a reload; unless the window has left that account meanwhile (they show another account's people).
 */
export function broadcastUpdatedUser(user: User, account: AccountSession, parts: { store: TeammatesStore; panels: ProfilePanelManager; session: KantataSession }): void {
  if (account.ended) {
    return;
  }
  parts.store.replaceUser(user);
  parts.panels.showUser(user);
  parts.session.updateSignedInUser(user);
}
