// The token (issue 9): it appears nowhere but SecretStorage and the Authorization header of requests to the
// base URL's host. Not in the output channel, the extension host log, settings, workspace or global state, the
// profile page's HTML or messages, error messages (even when a server echoes it back), URLs, photo downloads,
// or a request that followed a redirect to another host; and a non-HTTPS base URL is refused unless it can
// only reach this machine. The suite uses a sandbox seed of its own, so its token is used by no other suite,
// and it greps the whole code-server user-data folder for it at the end.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KantataClient } from '../../src/kantata/client';
import { isKantataError } from '../../src/kantata/errors';
import { downloadPhoto } from '../../src/kantata/photoDownload';
import type { KantataTestApi, ProfilePanelProbe } from '../../src/testApi';
import { coloredSquarePng } from '../sandbox/png';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, setBaseUrl, waitFor } from './support/extensionUnderTest';
import { openFakeProfile, postedTo, waitForSent } from './support/fakeWebviewPanel';
import { ExtensionHostLog } from './support/hostHealth';
import { ScriptedTokenPrompt } from './support/scriptedTokenPrompt';
import { ScriptedUserEditPrompts } from './support/scriptedUserEditPrompts';
import { afterLoad } from './support/signedIn';
import { recordWindow, type WindowRecording } from './support/windowRecorder';

const SEED = 90_909;

/** Every file below `dir`, with the places where one of `secrets` occurs in it. */
function findSecrets(dir: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.isFile()) {
        const bytes = fs.readFileSync(full);
        for (const secret of secrets) {
          if (bytes.includes(secret) || bytes.includes(Buffer.from(secret, 'utf16le'))) {
            found.push(`${full} holds a token`);
          }
        }
      }
    }
  };
  walk(dir);
  return found;
}

/** A server on every interface, counting connections: what reaches it over a non-loopback address. */
async function listeningEverywhere(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the token stays in SecretStorage and the Authorization header', function () {
  this.timeout(60_000);
  let api: KantataTestApi;
  let sandbox: Sandbox;
  let other: Sandbox;
  let hostLog: ExtensionHostLog;
  let token: string;
  let folder: string;
  /** A token typed by mistake, rejected: it must not be kept anywhere either. */
  const wrongToken = `sbx-admin-mistyped-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  /** Everything the extension said to the user during the suite. */
  const shown: string[] = [];
  const recordings: WindowRecording[] = [];
  /** The profile panels the suite opened. */
  const openedPanels: ProfilePanelProbe[] = [];

  const collect = (recording: WindowRecording): void => {
    shown.push(
      ...recording.messages.map((message) => `${message.message} ${message.detail ?? ''} ${message.actions.join(' ')}`),
      ...recording.inputBoxes.map((box) => `${box.title ?? ''} ${box.prompt ?? ''} ${box.value ?? ''}`),
      ...recording.validationMessages,
      ...recording.progress.map((entry) => entry.options.title ?? ''),
      ...recording.statusBarMessages,
    );
  };
  const treeTexts = (): string[] =>
    api.teammatesTree.roots().flatMap((node) => {
      const item = api.teammatesTree.item(node);
      return [String(item.label), String(item.description ?? ''), typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '')];
    });
  const signInWith = async (...answers: string[]): Promise<ScriptedTokenPrompt> => {
    const prompt = new ScriptedTokenPrompt(answers);
    api.setTokenPrompt(prompt);
    try {
      await vscode.commands.executeCommand('kantata.signIn');
    } finally {
      api.setTokenPrompt(undefined);
    }
    shown.push(...prompt.messages);
    return prompt;
  };

  before(async () => {
    api = await activateExtension();
    hostLog = ExtensionHostLog.open(api);
    sandbox = await startSandbox({ seed: SEED });
    other = await startSandbox({ seed: SEED });
    token = sandbox.adminToken;
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-token-'));
    await setBaseUrl(api, sandbox.baseUrl);
    const recording = recordWindow();
    recordings.push(recording);
  });

  after(async () => {
    [...recordings].reverse().forEach((recording) => recording.restore());
    api.setUserEditPrompts(undefined);
    api.setTokenPrompt(undefined);
    if (api.session.isSignedIn) {
      await api.session.signOut();
    }
    await setBaseUrl(api, undefined);
    await sandbox.close();
    await other.close();
    fs.rmSync(folder, { recursive: true, force: true });
    await hostLog.assertNoProblems();
  });

  it('a session of sign-ins, loads, profiles, edits, photos and failures sends it only as Authorization to the base URL', async () => {
    // A mistyped token first, then the right one; a server echoing the token in an error; then the real work.
    await signInWith(wrongToken, token);
    assert.equal(api.session.isSignedIn, true);
    await waitFor(() => !api.teammates.isLoading && api.teammates.users !== undefined, 'the teammates to load', 15_000);

    sandbox.injectFault({ path: '/users', kind: 'body', status: 403, body: { errors: [{ type: 'system', message: `The token ${token} may not list users` }] } });
    await vscode.commands.executeCommand('kantata.refreshTeammates');
    assert.ok(api.teammates.error, 'the echoing server did not fail the load');
    shown.push(api.teammates.error.userMessage, ...api.teammates.error.serverMessages, api.teammates.error.detail ?? '', ...treeTexts());
    sandbox.injectFault({ path: '/users/me', kind: 'body', status: 403, body: { errors: [{ type: 'system', message: `Refused for ${token}` }] } });
    const refused = await signInWith(token);
    assert.match(refused.messages[0] ?? '', /«token»/, 'the echoed token was not replaced');
    await vscode.commands.executeCommand('kantata.refreshTeammates');

    const { panel, fake } = openFakeProfile(api, '20003');
    openedPanels.push(panel);
    fake.fromPage({ type: 'ready' });
    await waitForSent(panel, 'profile');
    await waitForSent(panel, 'capacity');
    sandbox.injectFault({ path: /\/capacity$/, kind: 'body', status: 422, body: { errors: [{ type: 'validation', message: `bad ${token}`, field: `start_date ${token}` }] } });
    fake.fromPage({ type: 'retryCapacity' });
    await waitForSent(panel, 'capacityError');
    shown.push(JSON.stringify(postedTo(panel)), JSON.stringify(fake.posted), fake.webview.html, fake.title);
    fake.dispose();

    const edits = new ScriptedUserEditPrompts({ fields: ['headline'], values: { headline: ['Token-free headline', 'Second try'] }, errorAnswers: ['Try Again'] });
    api.setUserEditPrompts(edits);
    sandbox.injectFault({ method: 'PUT', kind: 'body', status: 422, body: { errors: [{ type: 'validation', message: `can't hold ${token}`, field: 'headline' }] } });
    assert.equal(await vscode.commands.executeCommand('kantata.updateUser', { userId: '20003' }), 'updated');
    const photo = path.join(folder, 'me.png');
    fs.writeFileSync(photo, coloredSquarePng([1, 2, 3]));
    api.setUserEditPrompts(new ScriptedUserEditPrompts({ photo: vscode.Uri.file(photo) }));
    assert.equal(await vscode.commands.executeCommand('kantata.updateProfilePhoto', { userId: sandbox.adminUserId }), 'updated');
    api.setUserEditPrompts(new ScriptedUserEditPrompts({}));
    assert.equal(await vscode.commands.executeCommand('kantata.resetProfilePhoto', { userId: sandbox.adminUserId }), 'updated');
    shown.push(...edits.errors, ...edits.infos, ...edits.asked.map((asked) => `${asked.value} ${asked.error ?? ''}`));
    // Rows ask for their photos when VS Code renders them: render every user row.
    for (const group of api.teammatesTree.roots()) {
      api.teammatesTree.children(group).forEach((node) => api.teammatesTree.item(node));
    }
    await waitFor(() => sandbox.photoRequests.length > 10, 'photos to download', 15_000);
    recordings.forEach(collect);

    const base = new URL(sandbox.baseUrl);
    const withToken = sandbox.requests.filter((request) => request.headers.authorization?.includes(token));
    assert.ok(withToken.length > 10, `only ${withToken.length} requests carried the token`);
    for (const request of sandbox.requests) {
      const where = `${request.method} ${request.path}`;
      assert.equal(request.headers.host, base.host, `${where} went to another host`);
      assert.ok([`Bearer ${token}`, `Bearer ${wrongToken}`].includes(request.headers.authorization ?? ''), `${where}: Authorization is ${request.headers.authorization === undefined ? 'missing' : 'something else'}`);
      const elsewhere = JSON.stringify({ ...request, headers: { ...request.headers, authorization: undefined } });
      assert.ok(!elsewhere.includes(token) && !elsewhere.includes(wrongToken), `${where}: the token is in its URL, body or other headers`);
    }
    assert.ok(sandbox.photoRequests.length > 0);
    for (const request of sandbox.photoRequests) {
      assert.equal(request.headers.authorization, undefined, `${request.path} was downloaded with Authorization`);
      assert.ok(!JSON.stringify(request).includes(token), `${request.path}: the token is in the download`);
    }
    const leaks = shown.filter((text) => text.includes(token) || text.includes(wrongToken));
    assert.deepEqual(leaks, [], 'the token was shown to the user');
    assert.ok(shown.length > 20, `only ${shown.length} texts were checked`);
  });

  it('the client logs and throws nothing that holds it, at any log level, even when the server echoes it', async () => {
    const lines: string[] = [];
    const logger = { debug: (line: string) => lines.push(line), info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
    const client = new KantataClient({ baseUrl: sandbox.baseUrl, getToken: async () => token, logger, version: 'test', timeoutMs: 1000, retry: { baseDelayMs: 1 } });
    const failures: unknown[] = [];
    const echo = (status: number) => ({ kind: 'body' as const, status, body: { errors: [{ type: 'validation', message: `echo ${token}`, field: token }] } });
    const attempts: (() => Promise<unknown>)[] = [
      () => client.me(),
      () => client.listUsers(),
      () => (sandbox.injectFault({ path: '/users/me', ...echo(403) }), client.me()),
      () => (sandbox.injectFault({ method: 'PUT', ...echo(422) }), client.updateUser('20003', { headline: 'x' })),
      () => (sandbox.injectFault({ path: '/users/me', kind: 'body', status: 200, body: { results: [{ key: 'users', id: token }] } }), client.me()),
      () => (sandbox.injectFault({ path: '/users/me', kind: 'body', status: 500, body: `<html>${token}</html>`, contentType: 'text/html' }), client.me()),
      () => (sandbox.injectFault({ path: '/users/me', kind: 'malformedJson' }), client.me()),
      () => (sandbox.injectFault({ path: '/users/me', kind: 'hang' }), client.me()),
      () => client.me(undefined, { token: wrongToken }),
    ];
    for (const attempt of attempts) {
      await attempt().catch((error: unknown) => failures.push(error));
    }
    sandbox.reset();
    assert.ok(failures.length >= 6, `${failures.length} failures`);
    for (const failure of failures) {
      assert.ok(isKantataError(failure));
      const texts = JSON.stringify({ message: failure.message, userMessage: failure.userMessage, detail: failure.detail, serverMessages: failure.serverMessages, fieldErrors: failure.fieldErrors });
      assert.ok(!texts.includes(token) && !texts.includes(wrongToken), `a ${failure.kind} error holds the token`);
    }
    assert.ok(lines.length > 5);
    assert.deepEqual(lines.filter((line) => line.includes(token) || line.includes(wrongToken)), []);
  });

  it('a redirect is not followed: not to another host with the token, and a photo redirect carries none', async () => {
    const signedIn = api.session.isSignedIn;
    assert.ok(signedIn);
    other.clearRequests();
    sandbox.injectFault({ path: '/users', kind: 'redirect', status: 307, location: `${other.baseUrl}/users?page=1&per_page=200`, times: 3 });
    await vscode.commands.executeCommand('kantata.refreshTeammates');
    assert.match(api.teammates.error?.userMessage ?? '', /redirected the request elsewhere/);
    sandbox.injectFault({ path: '/users/me', kind: 'redirect', status: 302, location: `${other.baseUrl}/users/me`, times: 3 });
    const prompt = await signInWith(token);
    assert.match(prompt.messages[0] ?? '', /redirected/);
    sandbox.reset();
    assert.deepEqual(other.requests, [], 'a redirect was followed to another host');

    // Photos may redirect (a CDN does), and carry no credentials wherever they go.
    const redirector = http.createServer((_request, response) => response.writeHead(302, { location: `${other.origin}/photos/default.png` }).end());
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const photo = await downloadPhoto(`http://127.0.0.1:${(redirector.address() as AddressInfo).port}/avatar.png`, { baseUrl: sandbox.baseUrl });
      assert.equal(photo.extension, 'png');
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
    assert.equal(other.photoRequests.length, 1);
    assert.equal(other.photoRequests[0]?.headers.authorization, undefined);
    assert.equal(other.photoRequests[0]?.headers.cookie, undefined);
  });

  it('a non-HTTPS base URL is refused unless it can only reach this machine; nothing is sent to one refused', async () => {
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    const listener = await listeningEverywhere();
    try {
      const refused = [
        'http://kantata.example.com/api/v1',
        'http://10.20.30.40/api/v1',
        'http://127.0.0.1.nip.io/api/v1',
        `http://kantata.localhost:${listener.port}/api/v1`,
        ...(lan ? [`http://${lan}:${listener.port}/api/v1`] : []),
      ];
      for (const baseUrl of refused) {
        await setBaseUrl(api, baseUrl);
        const prompt = await signInWith(token);
        assert.match(prompt.messages[0] ?? '', /must start with https:\/\//, `${baseUrl} was not refused`);
        assert.throws(() => api.session.probeClient(), /must start with https/);
      }
      assert.equal(listener.connections(), 0, 'the token went over plain http to a non-loopback address');
      for (const baseUrl of [`http://127.0.0.1:${listener.port}/api/v1`, `http://localhost:${listener.port}/api/v1`, 'http://[::1]:9/api/v1', 'https://kantata.example.com/api/v1']) {
        await setBaseUrl(api, baseUrl);
        assert.doesNotThrow(() => api.session.probeClient(), baseUrl);
      }
    } finally {
      await listener.close();
      await setBaseUrl(api, sandbox.baseUrl);
    }
  });

  it('it is nowhere on disk: output channel, extension host log, settings, state, storage, workspace', async () => {
    await afterLoad(api, () => vscode.commands.executeCommand('kantata.refreshTeammates'));
    await vscode.commands.executeCommand('kantata.showLogs');
    // The channel and the host log write asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const hostFolder = path.dirname(api.storage.logUri.fsPath);
    const channel = fs.readdirSync(api.storage.logUri.fsPath).filter((name) => name.endsWith('.log'));
    assert.ok(channel.includes('Kantata.log'), `no Kantata.log in ${api.storage.logUri.fsPath}: ${channel.join(', ')}`);
    const channelText = fs.readFileSync(path.join(api.storage.logUri.fsPath, 'Kantata.log'), 'utf8');
    assert.match(channelText, /GET \/users/, 'the channel logged no request: the wrong file?');
    assert.ok(!channelText.includes(token) && !channelText.includes(wrongToken), 'the Kantata output channel holds the token');
    assert.ok(!hostLog.text().includes(token) && !hostLog.text().includes(wrongToken), 'the extension host log holds the token');

    const userData = path.resolve(api.storage.globalStorageUri.fsPath, '..', '..', '..');
    assert.ok(fs.existsSync(path.join(userData, 'User')), `${userData} is not a user-data folder`);
    assert.ok(hostFolder.startsWith(userData), 'the logs are outside the user-data folder');
    const folders = [userData, ...(vscode.workspace.workspaceFolders ?? []).map((workspaceFolder) => workspaceFolder.uri.fsPath)];
    assert.deepEqual(folders.flatMap((dir) => findSecrets(dir, [token, wrongToken])), []);

    for (const memento of [api.storage.globalState, api.storage.workspaceState]) {
      for (const key of memento.keys()) {
        assert.ok(!JSON.stringify(memento.get(key) ?? null).includes(token), `state ${key} holds the token`);
      }
    }
    const settings = JSON.stringify(vscode.workspace.getConfiguration('kantata'));
    assert.ok(!settings.includes(token), 'a setting holds the token');
    for (const panel of openedPanels) {
      assert.ok(!panel.panel.webview.html.includes(token) && !JSON.stringify(postedTo(panel)).includes(token), 'a profile page holds the token');
    }
  });
});
