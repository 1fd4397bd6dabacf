// What the start-up tests talk to: the sandbox over HTTPS on 127.0.0.2, which VS Code's proxy support does
// not exempt (it leaves only the names localhost and 127.0.0.1 to the extension), with a certificate from a
// test CA of its own (test/fixtures/tls-127.0.0.2/README.md), once by address and once by a host name that
// only the test proxy resolves, as a real server behind a company proxy is reached.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../src/testApi';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { setBaseUrl } from '../integration/support/extensionUnderTest';
import { ScriptedTokenPrompt } from '../integration/support/scriptedTokenPrompt';

const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls-127.0.0.2');
/** The CA that signed the servers' certificate: what kantata.caCertificates must name. */
export const CA_FILE = path.join(fixtures, 'ca.pem');
/** Resolved by the test proxy only (never looked up in DNS). */
export const SERVER_NAME = 'api.kantata.test';
export const SERVER_ADDRESS = '127.0.0.2';

export function startTlsSandbox(by: 'name' | 'address'): Promise<Sandbox> {
  const tls = { key: fs.readFileSync(path.join(fixtures, 'server.key'), 'utf8'), cert: fs.readFileSync(path.join(fixtures, 'server.pem'), 'utf8') };
  return startSandbox({ tls, host: SERVER_ADDRESS, ...(by === 'name' ? { hostName: SERVER_NAME } : {}) });
}

/** Sets a setting where VS Code keeps it (machine-scoped ones go to the Remote settings in code-server). */
export async function setSetting(name: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(name, value, vscode.ConfigurationTarget.Global);
}

/** Tries to sign in to the sandbox through the real command; resolves with what the sign-in box said. */
export async function failedSignIn(api: KantataTestApi, sandbox: Sandbox): Promise<string> {
  await setBaseUrl(api, sandbox.baseUrl);
  const prompt = new ScriptedTokenPrompt([sandbox.adminToken]);
  api.setTokenPrompt(prompt);
  try {
    const signedIn = await vscode.commands.executeCommand('kantata.signIn');
    if (signedIn === true) {
      throw new Error(`signing in to ${sandbox.baseUrl} succeeded`);
    }
  } finally {
    api.setTokenPrompt(undefined);
  }
  return prompt.messages[0] ?? '(no message)';
}

export async function signOut(api: KantataTestApi): Promise<void> {
  if (api.session.isSignedIn) {
    await api.session.signOut();
  }
}
