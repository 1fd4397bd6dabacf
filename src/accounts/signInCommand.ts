import * as vscode from 'vscode';
import { notificationText } from '../shared/displayText';
import { BaseUrlChangedError, KantataSession } from './session';
import { describeSignInFailure } from './signInFailure';
import { TokenPrompt } from './tokenPrompt';
import { Commands } from '../shared/ids';

/**
 * Kantata: Sign In (and Add Account). The token is checked with `GET /users/me` against the base URL that is
 * configured when it is entered, stored for that server only when Kantata accepts it, and never sent anywhere
 * else: if the base URL changes while it is being checked, the sign-in stops and says so.
 * `prompt` is read at each run so the extension-host tests can answer the box.
 */
export function registerSignInCommand(session: KantataSession, prompt: () => TokenPrompt, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.signIn, async () => {
    let stopped: string | undefined;
    const user = await prompt().ask(async (token, signal) => {
      const baseUrl = session.baseUrl;
      try {
        const me = await session.probeClient().me(undefined, { token, signal });
        await session.signIn(baseUrl, token, me);
        return { ok: true, user: me };
      } catch (error) {
        if (error instanceof BaseUrlChangedError) {
          log.warn(`Sign-in stopped: ${error.message}`);
          stopped = error.message;
          return { ok: false, message: error.message, stop: true };
        }
        const message = describeSignInFailure(error);
        if (!signal.aborted) {
          log.warn(`Sign-in failed: ${message}`);
        }
        return { ok: false, message };
      }
    });
    if (stopped) {
      const signIn = 'Sign In';
      void vscode.window.showWarningMessage(notificationText(stopped), signIn).then(
        (choice) => (choice === signIn ? vscode.commands.executeCommand(Commands.signIn) : undefined),
        () => undefined,
      );
    }
    if (user) {
      // The name is data: no `[label](command:…)` in it may become a link in the notification.
      void vscode.window.showInformationMessage(notificationText(`Signed in as ${user.fullName}`));
    }
    return user !== undefined;
  });
}
