import * as vscode from 'vscode';
import { notificationText } from '../util/displayText';
import { KantataSession } from './session';
import { describeSignInFailure } from './signInFailure';
import { TokenPrompt } from './tokenPrompt';

/**
 * Kantata: Sign In. The token is checked with `GET /users/me` and stored only when Kantata accepts it.
 * `prompt` is read at each run so the extension-host tests can answer the box.
 */
export function registerSignInCommand(session: KantataSession, prompt: () => TokenPrompt, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('kantata.signIn', async () => {
    const user = await prompt().ask(async (token, signal) => {
      try {
        const me = await session.client.me(undefined, { token, signal });
        await session.signIn(token, me);
        return { ok: true, user: me };
      } catch (error) {
        const message = describeSignInFailure(error);
        if (!signal.aborted) {
          log.warn(`Sign-in failed: ${message}`);
        }
        return { ok: false, message };
      }
    });
    if (user) {
      // The name is data: no `[label](command:…)` in it may become a link in the notification.
      void vscode.window.showInformationMessage(notificationText(`Signed in as ${user.fullName}`));
    }
    return user !== undefined;
  });
}
