import * as vscode from 'vscode';
import { showRejectedTokenNotification } from './accounts/accountCommands';
import { showSecretStorageError } from './accounts/accountCommands';
import { KantataSession } from './accounts/session';
import { registerSignInCommand } from './accounts/accountCommands';
import { registerSignOutCommand } from './accounts/accountCommands';
import { TokenInputBox } from './accounts/tokenInputBox';
import { TokenPrompt } from './accounts/tokenPrompt';
import { AccountStore } from './accounts/accountStore';
import { KantataAuthenticationProvider } from './accounts/authenticationProvider';
import { registerSwitchAccountCommand } from './accounts/accountCommands';
import { photoFolderFor } from './photos/photoFolders';
import { reportConnectionSettingProblems } from './settings/settingsProblems';
import { KantataTestApi, makeTestApi } from './testApi';
import { notifyProblem } from './shared/errorNotification';
import { AccountStatusBarItem } from './accounts/accountStatusBarItem';
import { registerCopyEmailCommand } from './teammates/copyEmailCommand';
import { registerProfileCommands } from './profile/profileCommands';
import { UserEditPrompts } from './editing/userEditPrompts';
import { registerUserCommands } from './editing/userCommands';
import { VsCodeUserEditPrompts } from './editing/vscodeUserEditPrompts';
import { ProfilePanels, readDefaultPreset } from './profile/profilePanels';
import { PhotoCache } from './photos/photoCache';
import { TeammatesStore } from './teammates/teammatesStore';
import { TeammatesView } from './teammates/teammatesView';
import { Commands, Settings } from './shared/ids';

/** Wires the parts together. No network call is awaited here: the stored token is checked in the background. */
export function activate(context: vscode.ExtensionContext): KantataTestApi | undefined {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel('Kantata', { log: true });
  context.subscriptions.push(log);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';

  const session = new KantataSession({
    accounts: new AccountStore(context.secrets, context.globalState),
    logger: log,
    version,
    onSecretStorageError: showSecretStorageError,
    onSettingsProblem: showSettingsProblem,
  });
  const authentication = new KantataAuthenticationProvider(session, () => vscode.commands.executeCommand(Commands.signIn));
  const realPrompt = new TokenInputBox(() => session.baseUrl);
  let tokenPrompt: TokenPrompt = realPrompt;
  const realUserEditPrompts = new VsCodeUserEditPrompts();
  let userEditPrompts: UserEditPrompts = realUserEditPrompts;

  context.subscriptions.push(
    session,
    registerSignInCommand(session, () => tokenPrompt, log),
    registerSignOutCommand(session),
    registerSwitchAccountCommand(session),
    authentication,
    vscode.commands.registerCommand(Commands.showLogs, () => log.show()),
    session.onDidRejectToken(showRejectedTokenNotification),
    new AccountStatusBarItem(session),
  );
  const photosDirectory = vscode.Uri.joinPath(context.globalStorageUri, 'photos');
  const photos = new PhotoCache(photoFolderFor(photosDirectory, undefined), log, {
    agents: () => session.networkAgents,
    // The server the photo URLs came from decides whether they may point at the local network.
    baseUrl: () => session.current?.account.baseUrl ?? session.baseUrl,
  });
  session.onDidChangeAccount((next) => photos.useDirectory(photoFolderFor(photosDirectory, next?.account)), undefined, context.subscriptions);
  const teammates = new TeammatesStore(session, log);
  const teammatesView = new TeammatesView(teammates, session, photos);
  const profiles = new ProfilePanels({ session, photos, extensionUri: context.extensionUri, log, defaultPreset: readDefaultPreset });
  context.subscriptions.push(
    photos,
    teammates,
    teammatesView,
    profiles,
    registerCopyEmailCommand(),
    registerProfileCommands(profiles, teammates, session),
    registerUserCommands({ session, store: teammates, panels: profiles, photos, log, prompts: () => userEditPrompts }),
    teammatesView.onDidPickTeammate((user) => profiles.open(user)),
  );
  session.restore().catch((error: unknown) => log.error(`Restoring the sign-in failed: ${String(error)}`));
  reportConnectionSettingProblems(log);
  logActivationTiming(log, activateStart);

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return makeTestApi({
    context,
    session,
    authentication,
    teammates,
    teammatesView,
    profiles,
    setTokenPrompt: (prompt) => {
      tokenPrompt = prompt ?? realPrompt;
    },
    setUserEditPrompts: (prompts) => {
      userEditPrompts = prompts ?? realUserEditPrompts;
    },
  });
}

function showSettingsProblem(message: string): void {
  notifyProblem('warning', message, ['Open Settings'], () => vscode.commands.executeCommand('workbench.action.openSettings', Settings.caCertificates));
}

/**
 * The bundle's banner and footer record when its first and last lines ran (esbuild.js); the benchmark reads
 * this line. Load is evaluating the bundle plus however long VS Code then takes to call activate() (it
 * prepares the extension's context, its storage included, meanwhile).
 */
function logActivationTiming(log: vscode.LogOutputChannel, activateStart: number): void {
  const { __kantataBundleStart: bundleStart, __kantataBundleEnd: bundleEnd } = globalThis as { __kantataBundleStart?: number; __kantataBundleEnd?: number };
  const load = bundleStart === undefined ? 'unknown' : (activateStart - bundleStart).toFixed(2);
  const evaluated = bundleStart === undefined || bundleEnd === undefined ? 'unknown' : (bundleEnd - bundleStart).toFixed(2);
  log.info(`Activated: load ${load} ms, activate ${(performance.now() - activateStart).toFixed(2)} ms (bundle evaluated in ${evaluated} ms).`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
