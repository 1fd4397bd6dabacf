import * as vscode from 'vscode';
import { CommandTarget } from '../teammates/commandTarget';
import { PhotoCommandParts, resetProfilePhoto, updateProfilePhoto } from '../photos/profilePhotoCommands';
import { updateUser } from './updateUserCommand';
import { Commands } from '../shared/ids';

/** The write side of the Users API: Update User…, Update Profile Photo…, Reset Profile Photo. */
export function registerUserCommands(parts: PhotoCommandParts): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.updateUser, (target?: CommandTarget) => updateUser(target, parts)),
    vscode.commands.registerCommand(Commands.updateProfilePhoto, (target?: CommandTarget) => updateProfilePhoto(target, parts)),
    vscode.commands.registerCommand(Commands.resetProfilePhoto, (target?: CommandTarget) => resetProfilePhoto(target, parts)),
  );
}
