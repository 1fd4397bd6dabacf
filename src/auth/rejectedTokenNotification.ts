import * as vscode from 'vscode';

/** Told once per rejected token, however many requests failed with it. */
export function showRejectedTokenNotification(): void {
  const signIn = 'Sign In';
  vscode.window.showWarningMessage('Your Kantata token was rejected. Sign in again to continue.', signIn).then(
    async (choice) => {
      if (choice === signIn) {
        await vscode.commands.executeCommand('kantata.signIn');
      }
    },
    () => undefined,
  );
}
