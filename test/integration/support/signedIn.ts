import * as vscode from 'vscode';
import type { KantataTestApi } from '../../../src/testApi';
import type { Sandbox } from '../../sandbox/server';
import { setBaseUrl, waitFor } from './extensionUnderTest';
import { ScriptedTokenPrompt } from './scriptedTokenPrompt';

/** Points the extension at the sandbox and signs in through the real command, answering the box. */
export async function signInTo(api: KantataTestApi, sandbox: Sandbox, token = sandbox.adminToken): Promise<void> {
  await setBaseUrl(api, sandbox.baseUrl);
  api.setTokenPrompt(new ScriptedTokenPrompt([token]));
  const signedIn = await vscode.commands.executeCommand('kantata.signIn');
  api.setTokenPrompt(undefined);
  if (signedIn !== true) {
    throw new Error('signing in to the sandbox failed');
  }
}

/** Runs `action` and waits until the teammates list has finished loading after it (loaded or failed). */
export async function afterLoad(api: KantataTestApi, action: () => unknown): Promise<void> {
  let finished = 0;
  const listener = api.teammates.onDidFinishLoad(() => finished++);
  try {
    await action();
    await waitFor(() => finished > 0 && !api.teammates.isLoading, 'the teammates to load', 15_000);
  } finally {
    listener.dispose();
  }
}

/** Signs out and forgets every stored account, so the next test starts from a machine that holds none. */
export async function signOutAndReset(api: KantataTestApi): Promise<void> {
  if (api.session.isSignedIn) {
    await api.session.signOut();
  }
  for (const account of api.session.accounts.list()) {
    await api.session.removeAccount(account);
  }
  api.setTokenPrompt(undefined);
  const config = vscode.workspace.getConfiguration();
  for (const setting of ['kantata.teammates.scope', 'kantata.teammates.showDisabled', 'kantata.teammates.groupBy', 'kantata.requestTimeoutSeconds']) {
    await config.update(setting, undefined, vscode.ConfigurationTarget.Global);
  }
  await setBaseUrl(api, undefined);
}
