import * as vscode from 'vscode';
import { CommandTarget } from '../teammates/commandTarget';
import { PhotoCommandParts, resetProfilePhoto, updateProfilePhoto } from '../photos/profilePhotoCommands';
import { updateUser } from './updateUserCommand';

/** The write side of the Users API: Update User…, Update Profile Photo…, Reset Profile Photo. */
export function registerUserCommands(parts: PhotoCommandParts): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('kantata.updateUser', (target?: CommandTarget) => updateUser(target, parts)),
    vscode.commands.registerCommand('kantata.updateProfilePhoto', (target?: CommandTarget) => updateProfilePhoto(target, parts)),
    vscode.commands.registerCommand('kantata.resetProfilePhoto', (target?: CommandTarget) => resetProfilePhoto(target, parts)),
  );
}
