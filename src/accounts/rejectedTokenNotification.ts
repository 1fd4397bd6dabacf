import * as vscode from 'vscode';
import { notifyProblem } from '../shared/errorNotification';
import { Commands } from '../shared/ids';

/** Told once per rejected token, however many requests failed with it. */
export function showRejectedTokenNotification(): void {
  notifyProblem('warning', 'Your Kantata token was rejected. Sign in again to continue.', ['Sign In'], () => vscode.commands.executeCommand(Commands.signIn));
}
