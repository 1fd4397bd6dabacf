import * as vscode from 'vscode';
import { notificationText } from './displayText';
import { Commands } from './ids';

/**
 * An error or warning notification whose actions always end with "Show Logs" (which opens the Kantata
 * channel). Resolves with the other action chosen, if any.
 */
export async function showProblem(severity: 'error' | 'warning', message: string, ...actions: string[]): Promise<string | undefined> {
  const show = severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const showLogs = vscode.l10n.t('Show Logs');
  // Messages carry names and a server's words: no `[label](command:…)` in them may become a link.
  const choice = await show(notificationText(message), ...actions, showLogs);
  if (choice === showLogs) {
    await vscode.commands.executeCommand(Commands.showLogs);
    return undefined;
  }
  return choice;
}

/** The same, without waiting: runs `onChoice` with the action chosen. Never rejects. */
export function notifyProblem(severity: 'error' | 'warning', message: string, actions: readonly string[] = [], onChoice?: (choice: string) => unknown): void {
  showProblem(severity, message, ...actions).then(
    async (choice) => {
      if (choice !== undefined) {
        await onChoice?.(choice);
      }
    },
    () => undefined,
  );
}
