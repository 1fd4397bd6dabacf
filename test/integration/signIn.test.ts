import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../src/testApi';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, setBaseUrl, setTimeoutSeconds, waitFor } from './support/extensionUnderTest';
import { ScriptedTokenPrompt } from './support/scriptedTokenPrompt';

describe('Kantata: Sign In and Sign Out', () => {
  let api: KantataTestApi;
  let sandbox: Sandbox;

  async function signInWith(...answers: string[]): Promise<{ result: unknown; prompt: ScriptedTokenPrompt }> {
    const prompt = new ScriptedTokenPrompt(answers);
    api.setTokenPrompt(prompt);
    const result = await vscode.commands.executeCommand('kantata.signIn');
    return { result, prompt };
  }

  /** Switching the base URL away and back makes the session read the stored secret again. */
  async function reloadSecretFor(baseUrl: string): Promise<void> {
    await setBaseUrl(api, 'http://127.0.0.1:9/api/v1');
    assert.equal(api.session.state.kind, 'signedOut', 'signed in to a server without a stored token');
    await setBaseUrl(api, baseUrl);
  }

  before(async () => {
    api = await activateExtension();
  });

  beforeEach(async () => {
    sandbox = await startSandbox();
    await setBaseUrl(api, sandbox.baseUrl);
  });

  afterEach(async () => {
    if (api.session.isSignedIn) {
      await api.session.signOut();
    }
    api.setTokenPrompt(undefined);
    await setTimeoutSeconds(undefined);
    await setBaseUrl(api, undefined);
    await sandbox.close();
  });

  it('signs in with a good token: checks it with GET /users/me, stores it, knows who you are', async () => {
    const { result, prompt } = await signInWith(sandbox.adminToken);
    assert.equal(result, true);
    assert.deepEqual(prompt.messages, []);
    const state = api.session.state;
    assert.equal(state.kind, 'signedIn');
    assert.equal(state.kind === 'signedIn' && state.user?.fullName, 'Alex Rivera');
    const checks = () => sandbox.requests.filter((request) => request.path === '/api/v1/users/me');
    assert.equal(checks().length, 1);
    assert.equal(checks()[0]?.headers.authorization, `Bearer ${sandbox.adminToken}`);

    // The secret outlives the in-memory state: reading it again signs in without asking.
    await reloadSecretFor(sandbox.baseUrl);
    assert.equal(api.session.state.kind === 'signedIn' && api.session.state.user?.fullName, 'Alex Rivera');
    assert.equal(checks().length, 2, 'the stored token was not checked again');
  });

  it('a rejected token is reported as such, asked again with the typed text, and never stored', async () => {
    const { result, prompt } = await signInWith('not-a-real-token', sandbox.adminToken);
    assert.equal(result, true);
    assert.equal(prompt.messages.length, 1);
    assert.match(prompt.messages[0] ?? '', /^Kantata rejected this token/);

    await api.session.signOut();
    const giveUp = await signInWith('still-wrong');
    assert.equal(giveUp.result, false);
    assert.equal(api.session.state.kind, 'signedOut');
    await reloadSecretFor(sandbox.baseUrl);
    assert.equal(api.session.state.kind, 'signedOut', 'a rejected token was stored');
  });

  it('the server being down is reported as a connection problem, not a bad token', async () => {
    const baseUrl = sandbox.baseUrl;
    await sandbox.close();
    const { result, prompt } = await signInWith('any-token');
    assert.equal(result, false);
    assert.equal(prompt.messages.length, 1);
    assert.doesNotMatch(prompt.messages[0] ?? '', /rejected/i);
    assert.match(prompt.messages[0] ?? '', /Couldn't connect to 127\.0\.0\.1:\d+/);
    assert.match(prompt.messages[0] ?? '', /Press Enter to try again/);
    assert.equal(api.session.state.kind, 'signedOut');
    sandbox = await startSandbox();
    assert.notEqual(sandbox.baseUrl, baseUrl);
  });

  it('a time-out and a server that does not answer like Kantata are reported as such', async () => {
    await setTimeoutSeconds(1);
    sandbox.injectFault({ path: '/users/me', kind: 'hang', times: 1 });
    const slow = await signInWith(sandbox.adminToken);
    assert.match(slow.prompt.messages[0] ?? '', /didn't answer within 1 second\./);

    sandbox.injectFault({ path: '/users/me', kind: 'htmlError', status: 404, times: 1 });
    const html = await signInWith(sandbox.adminToken);
    assert.match(html.prompt.messages[0] ?? '', /doesn't answer like the Kantata API/);
    for (const message of [...slow.prompt.messages, ...html.prompt.messages]) {
      assert.doesNotMatch(message, /rejected/i);
    }
    assert.equal(api.session.state.kind, 'signedOut');
  });

  it('an invalid base URL is explained before any request', async () => {
    await setBaseUrl(api, 'http://kantata.example.com/api/v1');
    const { result, prompt } = await signInWith(sandbox.adminToken);
    assert.equal(result, false);
    assert.match(prompt.messages[0] ?? '', /must start with https:\/\//);
    assert.equal(sandbox.requests.length, 0);
  });

  it('keeps one secret per base URL', async () => {
    await signInWith(sandbox.adminToken);
    const other = await startSandbox();
    try {
      await setBaseUrl(api, other.baseUrl);
      await waitFor(() => api.session.state.kind === 'signedOut', 'the other server to start signed out');
      assert.equal(other.requests.length, 0, 'the token was sent to another server');
      await signInWith(other.memberToken);
      assert.equal(api.session.state.kind === 'signedIn' && api.session.state.user?.fullName, 'Sam Taylor');

      await setBaseUrl(api, sandbox.baseUrl);
      await waitFor(() => api.session.state.kind === 'signedIn' && api.session.state.user?.fullName === 'Alex Rivera', 'the first server\'s sign-in to come back');
      await api.session.signOut();
      await setBaseUrl(api, other.baseUrl);
      await waitFor(() => api.session.state.kind === 'signedIn' && api.session.state.user?.fullName === 'Sam Taylor', 'the second server to stay signed in');
      await api.session.signOut();
    } finally {
      await other.close();
    }
  });

  it('signs out: deletes the secret and returns to signed out', async () => {
    await signInWith(sandbox.adminToken);
    assert.equal(await vscode.commands.executeCommand('kantata.signOut'), true);
    assert.equal(api.session.state.kind, 'signedOut');
    await reloadSecretFor(sandbox.baseUrl);
    assert.equal(api.session.state.kind, 'signedOut', 'the secret survived sign-out');
    assert.equal(await vscode.commands.executeCommand('kantata.signOut'), false);
  });

  it('a stored token that Kantata now rejects signs the session out', async () => {
    await signInWith(sandbox.adminToken);
    sandbox.injectFault({ path: '/users/me', kind: 'status', status: 401, times: 1 });
    await reloadSecretFor(sandbox.baseUrl);
    assert.equal(api.session.state.kind, 'signedOut', 'the rejected token kept the session signed in');
    await reloadSecretFor(sandbox.baseUrl);
    assert.equal(api.session.state.kind, 'signedOut', 'the rejected token was kept');
  });
});
