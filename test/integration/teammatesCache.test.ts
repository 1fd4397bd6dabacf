// The cached Teammates list: each account's last list in the extension's global storage, shown at the next
// start before Kantata answers, then swapped for the new one. A "second start" here is what a new window does
// for the account in use: the session lets go of it (the base URL points elsewhere), then restores it from its
// stored token; the store reads the list from disk, never from memory. The token check and the listing are
// held open with the sandbox's 'hold' fault, so whatever the tree shows meanwhile can only come from the file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../src/testApi';
import { cacheFileName } from '../../src/teammates/teammatesCacheFile';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, setBaseUrl, waitFor } from './support/extensionUnderTest';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { shownRows } from './support/teammatesRows';

/** A server without accounts: pointing the window there lets go of the account, as closing it would. */
const ELSEWHERE = 'http://127.0.0.1:9/api/v1';
const HOUR = 60 * 60 * 1000;

describe('the cached Teammates list', () => {
  let api: KantataTestApi;
  let sandbox: Sandbox;
  let logStart = 0;

  const logFile = () => path.join(api.storage.logUri.fsPath, 'Kantata.log');
  const newLog = () => (fs.existsSync(logFile()) ? fs.readFileSync(logFile()).subarray(logStart).toString('utf8') : '');
  const cacheFolder = () => path.join(api.storage.globalStorageUri.fsPath, 'teammates');
  const cacheFileOf = (accountId: string) => path.join(cacheFolder(), cacheFileName(accountId));
  const accountId = () => api.session.current?.account.id ?? assert.fail('not signed in');
  /** Read afresh each time (an assertion on `api.teammates.users` would narrow it for the lines after). */
  const userCount = () => api.teammates.users?.length;
  const shownIds = () => shownRows(api).map((node) => api.teammatesTree.item(node).id);
  const requestLines = () => sandbox.requests.map((request) => `${request.method} ${request.path}?${request.rawQuery}`).sort();
  const setSetting = (name: string, value: unknown) => vscode.workspace.getConfiguration().update(name, value, vscode.ConfigurationTarget.Global);

  before(async () => {
    api = await activateExtension();
  });

  beforeEach(() => {
    logStart = fs.existsSync(logFile()) ? fs.statSync(logFile()).size : 0;
  });

  afterEach(async () => {
    sandbox?.releaseHeld();
    await signOutAndReset(api);
    await setSetting('kantata.teammates.rememberList', undefined);
    await sandbox?.close();
  });

  /** A sandbox, signed in as its administrator, the list loaded and kept on disk; returns the file. */
  async function start(): Promise<string> {
    sandbox = await startSandbox();
    await afterLoad(api, () => signInTo(api, sandbox));
    return cachedFileOfCurrent();
  }

  async function cachedFileOfCurrent(): Promise<string> {
    const file = cacheFileOf(accountId());
    await waitFor(() => fs.existsSync(file), `the list to be kept in ${file}`);
    return file;
  }

  /**
   * A second start for the account in use. `hold`: its token check and its listing (answered with
   * `listingStatus` when given) stay open until the test releases them.
   */
  async function secondStart(options: { hold: boolean; listingStatus?: number }): Promise<void> {
    await setBaseUrl(api, ELSEWHERE);
    assert.equal(api.teammates.users, undefined, 'the list outlived the account');
    sandbox.clearRequests();
    if (!options.hold) {
      await afterLoad(api, () => setBaseUrl(api, sandbox.baseUrl));
      return;
    }
    sandbox.injectFault({ kind: 'hold', method: 'GET', path: '/users/me' });
    sandbox.injectFault({ kind: 'hold', method: 'GET', path: '/users', ...(options.listingStatus ? { status: options.listingStatus } : {}) });
    await setSetting('kantata.baseUrl', sandbox.baseUrl);
    await waitFor(() => sandbox.heldCount === 2, 'the token check and the listing to be held');
  }

  /** Lets the held requests go and waits for the list's load to end. */
  async function release(): Promise<void> {
    await afterLoad(api, () => sandbox.releaseHeld());
    await api.session.whenRestored();
  }

  /** Every state of the store from now on: whether it held a list, and whether that list was the cached one. */
  function recordStates(): { states: { users: number | undefined; cached: boolean }[]; dispose(): void } {
    const states: { users: number | undefined; cached: boolean }[] = [];
    const listener = api.teammates.onDidChange(() => states.push({ users: api.teammates.users?.length, cached: api.teammates.cachedAt !== undefined }));
    return { states, dispose: () => listener.dispose() };
  }

  /** Makes the kept list look `ms` old (its saved time and the file's). */
  function backdate(file: string, ms: number): void {
    const body = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    body.savedAt = Date.now() - ms;
    fs.writeFileSync(file, JSON.stringify(body));
    const then = new Date(Date.now() - ms);
    fs.utimesSync(file, then, then);
  }

  it('a second start shows the cached rows before Kantata answers, with their age; the refresh swaps in the new list with the same ids and requests', async () => {
    const file = await start();
    // What a second start asks without a cached list, for comparison.
    fs.rmSync(file);
    await secondStart({ hold: false });
    const withoutCache = requestLines();
    await cachedFileOfCurrent();
    const ids = shownIds();
    backdate(file, 3 * HOUR);
    const changed = await api.session.current?.client.updateUser('20003', { headline: 'Changed since the list was kept' });
    assert.equal(changed?.headline, 'Changed since the list was kept');
    const headlineOf20003 = () => api.teammates.users?.find((user) => user.id === '20003')?.headline;
    const before = headlineOf20003();

    await secondStart({ hold: true });
    await waitFor(() => api.teammates.cachedAt !== undefined, 'the cached list');
    assert.equal(api.teammates.users?.length, 140);
    assert.equal(api.teammatesTree.message, 'Cached list from 3 hours ago · refreshing…');
    assert.deepEqual(shownIds(), ids, 'the cached rows are not the rows of the list');
    assert.equal(headlineOf20003(), before);
    assert.ok(sandbox.requests.every((request) => request.finishedAt === 0), 'Kantata has answered something already');
    await waitFor(() => newLog().includes('Teammates: showing the cached list of 140 people'), () => `the line in Kantata.log; new lines: ${newLog().slice(-600)}`, 10_000);

    await release();
    assert.equal(api.teammates.cachedAt, undefined);
    assert.equal(api.teammatesTree.message, undefined);
    assert.equal(headlineOf20003(), 'Changed since the list was kept', 'the new list was not swapped in');
    assert.deepEqual(shownIds(), ids, 'the ids changed: VS Code would collapse the groups the user had open');
    assert.deepEqual(requestLines(), withoutCache, 'the refresh under the cached list asks something else than a start without one');
  });

  it('a failed refresh keeps the cached rows under its warning; the marker stays, without "refreshing"', async () => {
    await start();
    await secondStart({ hold: true, listingStatus: 500 });
    await waitFor(() => api.teammates.cachedAt !== undefined, 'the cached list');
    await release();
    const [warning, ...groups] = api.teammatesTree.roots();
    assert.ok(warning?.kind === 'notice' && warning.severity === 'warning', 'no warning row');
    assert.match(String(api.teammatesTree.item(warning).label), /^Couldn't refresh: .* Showing the last loaded list\.$/);
    assert.ok(groups.length > 1 && groups.every((node) => node.kind === 'group'), 'the cached rows vanished');
    assert.equal(api.teammates.users?.length, 140);
    assert.match(api.teammatesTree.message ?? '', /^Cached list from 1 minute ago$/);
  });

  it('a rejected token on the refresh signs out: the cached rows go, and so does the file', async () => {
    const file = await start();
    await secondStart({ hold: true, listingStatus: 401 });
    await waitFor(() => api.teammates.cachedAt !== undefined, 'the cached list');
    sandbox.releaseHeld();
    await waitFor(() => api.session.state.kind === 'signedOut' && !api.teammates.isLoading, 'the session to sign out');
    assert.equal(api.teammates.users, undefined);
    assert.deepEqual(api.teammatesTree.roots(), []);
    assert.equal(api.teammatesTree.message, undefined);
    await waitFor(() => !fs.existsSync(file), 'the file of the rejected account to be deleted');
  });

  it('sign-out and account removal delete that account’s file, and only that one', async () => {
    const adminFile = await start();
    await afterLoad(api, () => signInTo(api, sandbox, sandbox.memberToken));
    const memberFile = await cachedFileOfCurrent();
    assert.notEqual(memberFile, adminFile);
    assert.equal(await vscode.commands.executeCommand('kantata.signOut'), true);
    await waitFor(() => !fs.existsSync(memberFile), 'the file of the account signed out of to be deleted');
    assert.ok(fs.existsSync(adminFile), 'the other account’s file went too');
    const admin = api.session.accounts.list().find((account) => account.userId === sandbox.adminUserId);
    assert.ok(admin);
    await api.session.removeAccount(admin);
    await waitFor(() => !fs.existsSync(adminFile), 'the file of the removed account to be deleted');
  });

  it('another account’s list is never shown: not on a switch to an account without one, nor from a copy of its file', async () => {
    const adminFile = await start();
    // A switch to an account with no list of its own: nothing until its own list comes.
    sandbox.injectFault({ kind: 'hold', method: 'GET', path: '/users' });
    await signInTo(api, sandbox, sandbox.memberToken);
    await waitFor(() => sandbox.heldCount === 1, 'the member’s listing to be held');
    assert.equal(api.teammates.users, undefined, 'the administrator’s list is shown for the member');
    await afterLoad(api, () => sandbox.releaseHeld());
    const memberUsers = userCount();
    assert.ok(memberUsers !== undefined && memberUsers < 140);
    const memberFile = await cachedFileOfCurrent();

    // The member's file replaced by the administrator's: read, and refused.
    await setBaseUrl(api, ELSEWHERE);
    fs.copyFileSync(adminFile, memberFile);
    const recording = recordStates();
    try {
      await secondStart({ hold: true });
      await waitFor(() => newLog().includes(`ignored the cached list ${memberFile}: it belongs to another account`), () => `the refusal in Kantata.log; new lines: ${newLog().slice(-600)}`, 10_000);
      assert.equal(api.teammates.users, undefined, 'the administrator’s list is shown for the member');
      await release();
      assert.equal(userCount(), memberUsers);
      assert.deepEqual(recording.states.filter((state) => state.cached || (state.users !== undefined && state.users !== memberUsers)), []);
    } finally {
      recording.dispose();
    }
  });

  it('a corrupt file, an old format and a list of other scope settings are ignored (and logged), then replaced', async () => {
    const file = await start();
    const good = fs.readFileSync(file, 'utf8');
    const variants: { name: string; text: string; expected: string; scope?: () => Thenable<void> }[] = [
      { name: 'cut off', text: good.slice(0, good.length / 2), expected: 'not JSON' },
      { name: 'an old format', text: good.replace('{"format":1,', '{"format":0,'), expected: 'format 0, not 1' },
      { name: 'of other settings', text: good, expected: 'it was loaded with other settings', scope: () => setSetting('kantata.teammates.showDisabled', true) },
    ];
    for (const variant of variants) {
      const recording = recordStates();
      try {
        await setBaseUrl(api, ELSEWHERE);
        fs.writeFileSync(file, variant.text);
        await variant.scope?.();
        await secondStart({ hold: true });
        await waitFor(() => newLog().includes(`ignored the cached list ${file}: ${variant.expected}`), () => `${variant.name}: the refusal in Kantata.log; new lines: ${newLog().slice(-600)}`, 10_000);
        assert.equal(api.teammates.users, undefined, `${variant.name}: shown`);
        await release();
        assert.ok(api.teammates.users !== undefined);
        assert.deepEqual(recording.states.filter((state) => state.cached), [], `${variant.name}: shown as cached`);
        await waitFor(() => fs.readFileSync(file, 'utf8') !== variant.text, `${variant.name}: the file to be replaced by the new list`);
      } finally {
        recording.dispose();
      }
    }
  });

  it('kantata.teammates.rememberList off: the kept lists are deleted, and none is written or read', async () => {
    const file = await start();
    const kept = fs.readFileSync(file, 'utf8');
    await setSetting('kantata.teammates.rememberList', false);
    await waitFor(() => !fs.existsSync(cacheFolder()), 'the kept lists to be deleted');
    await afterLoad(api, () => api.teammates.refresh());

    // A list put back by hand is not read either.
    await setBaseUrl(api, ELSEWHERE);
    assert.ok(!fs.existsSync(file), 'a list was written with the setting off');
    fs.mkdirSync(cacheFolder(), { recursive: true });
    fs.writeFileSync(file, kept);
    const recording = recordStates();
    try {
      await secondStart({ hold: true });
      assert.equal(api.teammates.users, undefined);
      await release();
      assert.deepEqual(recording.states.filter((state) => state.cached), []);
      assert.equal(fs.readFileSync(file, 'utf8'), kept, 'a list was written with the setting off');
    } finally {
      recording.dispose();
    }

    // On again: the next load is kept (the same list: only the file's time is renewed), and shown at the start after it.
    const putBack = fs.statSync(file).mtimeMs;
    await setSetting('kantata.teammates.rememberList', true);
    await afterLoad(api, () => api.teammates.refresh());
    await waitFor(() => fs.statSync(file).mtimeMs !== putBack, 'the new list to be kept');
    await secondStart({ hold: true });
    await waitFor(() => api.teammates.cachedAt !== undefined, 'the cached list');
    await release();
  });
});
