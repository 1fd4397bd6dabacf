import * as vscode from 'vscode';
import { notifyProblem } from '../shared/errorNotification';
import { KEYRING_HELP_URL, SecretStorageError } from './secretStorageError';

/** An error notification for a keyring failure, with a link to VS Code's troubleshooting page. */
export function showSecretStorageError(error: SecretStorageError): void {
  notifyProblem('error', error.userMessage, ['Learn More'], () => vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP_URL)));
}
