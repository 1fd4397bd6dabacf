import * as vscode from 'vscode';
import { notifyProblem } from '../shared/errorNotification';
import { Commands, Settings } from '../shared/ids';
import { AccountStatusBarItem } from './accountStatusBarItem';
import { AccountStore } from './accountStore';
import { KantataAuthenticationProvider } from './authenticationProvider';
import { registerSignInCommand, registerSignOutCommand, registerSwitchAccountCommand, showRejectedTokenNotification, showSecretStorageError } from './accountCommands';
import { KantataSession } from './session';
import { TokenPrompt } from './tokenInputBox';

/**
 * The session and what signs in, out and between accounts: the commands, the Accounts menu's provider, the
 * status bar item and the notifications. `tokenPrompt` is read at each sign-in (the tests replace it).
 */
export function registerAccounts(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  tokenPrompt: () => TokenPrompt,
): { session: KantataSession; authentication: KantataAuthenticationProvider } {
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const session = new KantataSession({
    accounts: new AccountStore(context.secrets, context.globalState),
    logger: log,
    version,
    onSecretStorageError: showSecretStorageError,
    onSettingsProblem: showSettingsProblem,
  });
  const authentication = new KantataAuthenticationProvider(session, () => vscode.commands.executeCommand(Commands.signIn));
  context.subscriptions.push(
    session,
    registerSignInCommand(session, tokenPrompt, log),
    registerSignOutCommand(session),
    registerSwitchAccountCommand(session),
    authentication,
    session.onDidRejectToken(showRejectedTokenNotification),
    new AccountStatusBarItem(session),
  );
  return { session, authentication };
}

function showSettingsProblem(message: string): void {
  notifyProblem('warning', message, [vscode.l10n.t('Open Settings')], () => vscode.commands.executeCommand('workbench.action.openSettings', Settings.caCertificates));
}
