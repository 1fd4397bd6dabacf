import * as vscode from 'vscode';
import { showSecretStorageError } from './secretStorageNotification';
import { KantataSession } from './session';
import { SecretStorageError } from './secretStorageError';
import { Commands } from '../shared/ids';

/** Kantata: Sign Out: deletes the token for the current base URL; the view returns to its welcome content. */
export function registerSignOutCommand(session: KantataSession): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.signOut, async () => {
    if (!session.isSignedIn) {
      void vscode.window.showInformationMessage("You're not signed in to Kantata.");
      return false;
    }
    try {
      await session.signOut();
    } catch (error) {
      if (error instanceof SecretStorageError) {
        showSecretStorageError(error);
        return false;
      }
      throw error;
    }
    void vscode.window.showInformationMessage('Signed out of Kantata.');
    return true;
  });
}
