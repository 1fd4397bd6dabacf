import * as vscode from 'vscode';
import { KEYRING_HELP_URL, SecretStorageError } from './secretStorageError';

/** An error notification for a keyring failure, with a link to VS Code's troubleshooting page. */
export function showSecretStorageError(error: SecretStorageError): void {
  const learnMore = 'Learn More';
  vscode.window.showErrorMessage(error.userMessage, learnMore).then(
    async (choice) => {
      if (choice === learnMore) {
        await vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP_URL));
      }
    },
    () => undefined,
  );
}
