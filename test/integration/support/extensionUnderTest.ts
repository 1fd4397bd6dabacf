import * as vscode from 'vscode';
import type { KantataTestApi } from '../../../src/testApi';

export const EXTENSION_ID = 'kantata-teammates.kantata-teammates';

/** Activates the extension (once) and returns the API it gives the tests. */
export async function activateExtension(): Promise<KantataTestApi> {
  const extension = vscode.extensions.getExtension<KantataTestApi | undefined>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  }
  const api = await extension.activate();
  if (!api) {
    throw new Error('activate() returned no test API: is the extension running in ExtensionMode.Test?');
  }
  return api;
}

/** Points the extension at a server, and waits until the session has followed. */
export async function setBaseUrl(api: KantataTestApi, baseUrl: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration().update('kantata.baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
  await waitFor(() => api.session.baseUrl === (baseUrl ?? 'https://api.mavenlink.com/api/v1'), 'the base URL to apply');
  await api.session.whenRestored();
}

export async function setTimeoutSeconds(seconds: number | undefined): Promise<void> {
  await vscode.workspace.getConfiguration().update('kantata.requestTimeoutSeconds', seconds, vscode.ConfigurationTarget.Global);
}

/** Polls a condition the extension reaches asynchronously (events, background checks). */
export async function waitFor(condition: () => boolean, what: string | (() => string), timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
