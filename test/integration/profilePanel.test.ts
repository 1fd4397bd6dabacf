import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addDays, daysBetweenInclusive } from '../../src/capacity/capacityRange';
import type { KantataTestApi, ProfilePanelProbe } from '../../src/testApi';
import type { ToWebview } from '../../src/profile/protocol';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, waitFor } from './support/extensionUnderTest';
import { openFakeProfile, postedTo, sentOfType } from './support/fakeWebviewPanel';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { rowOf } from './support/teammatesRows';

/**
 * A page's messages. The limit is a backstop: a webview torn down while one of its resources is still being
 * fetched leaves VS Code's webview service worker waiting, and the next webview's page waits 10-30 s behind
 * it (seen in code-server 4.100.3). Pages therefore fetch nothing once loaded (the photo comes as a data: URL).
 */
async function waitForMessage<T extends ToWebview['type']>(panel: ProfilePanelProbe, type: T, count = 1): Promise<Extract<ToWebview, { type: T }>> {
  await waitFor(() => sentOfType(panel, type).length >= count, () => `a "${type}" message to the page (sent so far: ${postedTo(panel).map((message) => message.type).join(', ') || 'nothing'})`, 45_000);
  return sentOfType(panel, type)[count - 1] as Extract<ToWebview, { type: T }>;
}

describe('the profile panel', () => {
  let api: KantataTestApi;
  let sandbox: Sandbox;
  const userRequests = (path: string) => sandbox.requests.filter((request) => request.path === `/api/v1${path}`);

  // One sandbox and one sign-in for the whole suite, its data and log reset before each test: signing out
  // closes the account's panels, possibly while a page loads (see waitForMessage). Panels stay open between
  // tests (each test uses its own people) and close with the sign-out at the end.
  before(async () => {
    api = await activateExtension();
    sandbox = await startSandbox();
    await afterLoad(api, () => signInTo(api, sandbox));
  });

  beforeEach(() => {
    sandbox.reset();
  });

  after(async () => {
    await signOutAndReset(api);
    await sandbox.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens from a tree row, loads the profile with its includes and the default capacity range', async () => {
    const node = rowOf(api, '20003');
    assert.ok(node);
    assert.equal(await vscode.commands.executeCommand('kantata.openProfile', node), true);
    const panel = api.profiles.get('20003');
    assert.ok(panel);
    const { profile } = await waitForMessage(panel, 'profile');
    assert.equal(profile.fullName, 'José Müller');
    assert.equal(panel.panel.title, 'José Müller');
    assert.equal(profile.manager, "Siobhán O'Connor");
    const [request] = userRequests('/users/20003');
    assert.equal(request?.query.include, 'role,account_membership,manager,skills,skill_memberships,custom_field_values');
    assert.equal(request?.query.optional_fields, 'bio,website,city,state,country,abbreviated_timezone,classification');

    const capacity = await waitForMessage(panel, 'capacity');
    assert.equal(capacity.preset, 'next2Weeks');
    const [capacityRequest] = userRequests('/users/20003/capacity');
    assert.equal(capacityRequest?.query.start_date, capacity.range.start);
    assert.equal(capacityRequest?.query.end_date, capacity.range.end);
    assert.equal(capacity.capacity.startDate, capacity.range.start);

    // The photo arrives once it is on disk, as the bytes themselves: the page fetches nothing after loading.
    await waitFor(() => sentOfType(panel, 'profile').some((message) => message.profile.photoDataUrl), 'a profile message with the photo');
    const withPhoto = sentOfType(panel, 'profile').find((message) => message.profile.photoDataUrl);
    assert.match(withPhoto?.profile.photoDataUrl ?? '', /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/);
  });

  it('answers the page: presets, custom ranges (checked again here), retry, and ignores unknown messages', async () => {
    // The page's messages come through the webview, as the real page sends them: here a fake webview's.
    const { panel, fake } = openFakeProfile(api, '20011', { preset: 'next2Weeks' });
    try {
      fake.fromPage({ type: 'ready' });
      await waitForMessage(panel, 'capacity');

      fake.fromPage({ type: 'loadCapacity', preset: 'thisMonth' });
      const month = await waitForMessage(panel, 'capacity', 2);
      assert.equal(month.preset, 'thisMonth');
      assert.match(month.range.start, /^\d{4}-\d{2}-01$/);

      fake.fromPage({ type: 'loadCapacity', range: { start: '2026-03-01', end: '2026-02-01' } });
      const invalid = await waitForMessage(panel, 'capacityInvalid');
      assert.equal(invalid.message, 'The end date is before the start date.');
      const capacityRequests = userRequests('/users/20011/capacity').length;

      fake.fromPage({ type: 'loadCapacity', range: { start: '2026-12-28', end: '2027-01-10' } });
      const custom = await waitForMessage(panel, 'capacity', 3);
      assert.deepEqual(custom.range, { start: '2026-12-28', end: '2027-01-10' });
      assert.equal(custom.capacity.days.length, 14);
      assert.equal(userRequests('/users/20011/capacity').length, capacityRequests + 1, 'the invalid range reached the server');

      sandbox.injectFault({ path: /\/capacity$/, kind: 'status', status: 500, times: 1 });
      fake.fromPage({ type: 'loadCapacity', preset: 'thisWeek' });
      const failed = await waitForMessage(panel, 'capacityError');
      assert.equal(failed.error.canRetry, true);
      fake.fromPage({ type: 'retryCapacity' });
      assert.equal((await waitForMessage(panel, 'capacity', 4)).preset, 'thisWeek');

      // Messages outside the protocol get no answer: the next answer the page gets is the retry's.
      const before = postedTo(panel).length;
      fake.fromPage({ type: 'runCommand', command: 'workbench.action.terminal.new' });
      fake.fromPage({ type: 'eval', code: '1' });
      fake.fromPage({ type: 'retryCapacity' });
      await waitForMessage(panel, 'capacity', 5);
      assert.deepEqual(postedTo(panel).slice(before).map((message) => message.type), ['capacityLoading', 'capacity']);
    } finally {
      fake.dispose();
    }
  });

  it('a disabled teammate is fetched with show_disabled=true', async () => {
    await vscode.commands.executeCommand('kantata.openProfile', { userId: '20016' });
    const panel = api.profiles.get('20016');
    assert.ok(panel);
    const { profile } = await waitForMessage(panel, 'profile');
    assert.equal(profile.disabled, true);
    assert.deepEqual(userRequests('/users/20016').map((request) => request.query.show_disabled), [undefined, 'true']);
  });

  it('Show My Capacity opens your own panel with the capacity in view and the configured range', async () => {
    await vscode.workspace.getConfiguration().update('kantata.capacity.defaultRange', 'thisWeek', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await vscode.commands.executeCommand('kantata.showMyCapacity'), true);
      const panel = api.profiles.get(sandbox.adminUserId);
      assert.ok(panel);
      await waitForMessage(panel, 'focusCapacity');
      assert.equal((await waitForMessage(panel, 'capacity')).preset, 'thisWeek');
      assert.equal((await waitForMessage(panel, 'profile')).profile.isMe, true);
    } finally {
      await vscode.workspace.getConfiguration().update('kantata.capacity.defaultRange', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('errors stay inside the page, with the way forward', async () => {
    sandbox.injectFault({ path: '/users/20007', kind: 'status', status: 503, times: Infinity });
    await vscode.commands.executeCommand('kantata.openProfile', { userId: '20007' });
    const panel = api.profiles.get('20007');
    assert.ok(panel);
    const { error } = await waitForMessage(panel, 'profileError');
    assert.equal(error.canRetry, true);
    assert.equal(api.session.isSignedIn, true);
  });

  it('a capacity answer claiming two centuries for two weeks: the page gets the asked days only, the log the mismatch', async () => {
    const hours: Record<string, number> = {};
    for (let day = 0; day < daysBetweenInclusive('1900-01-01', '2099-12-31'); day++) {
      hours[addDays('1900-01-01', day)] = 7.5;
    }
    assert.equal(Object.keys(hours).length, 73_049);
    sandbox.injectFault({ path: '/users/20013/capacity', kind: 'body', body: { start_date: '1900-01-01', end_date: '2099-12-31', hours } });
    const logFile = path.join(api.storage.logUri.fsPath, 'Kantata.log');
    const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const newLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile).subarray(logStart).toString('utf8') : '');

    await vscode.commands.executeCommand('kantata.openProfile', { userId: '20013' });
    const panel = api.profiles.get('20013');
    assert.ok(panel);
    const message = await waitForMessage(panel, 'capacity');
    const postedAt = performance.now();
    const [request] = userRequests('/users/20013/capacity');
    assert.equal(request?.query.end_date, addDays(request?.query.start_date ?? '', 13), 'two weeks asked');
    assert.deepEqual([message.preset, message.range], ['next2Weeks', { start: request?.query.start_date, end: request?.query.end_date }]);
    // Exactly the asked days: one bar and one table row each, and the total of those days (14 × 7.5 h).
    assert.deepEqual([message.capacity.startDate, message.capacity.endDate], [message.range.start, message.range.end]);
    assert.deepEqual(
      message.capacity.days.map((day) => day.date),
      Array.from({ length: 14 }, (_, index) => addDays(message.range.start, index)),
    );
    assert.equal(message.capacity.days.reduce((sum, day) => sum + day.hours, 0), 105);
    // The mismatch is for the log (the channel writes asynchronously), not the page.
    await waitFor(() => newLog().includes('the capacity answer covers 1900-01-01 to 2099-12-31'), () => `the mismatch in Kantata.log; new lines: ${newLog().slice(-600)}`, 10_000);
    assert.match(newLog(), /\[warning\] GET \/users\/20013\/capacity\?start_date=\S+: the capacity answer covers 1900-01-01 to 2099-12-31 with 73049 dated entries, 73035 of them outside the asked/);
    console.log(`      (the 73,049-day answer became a "capacity" message of 14 days at most ${Math.round(postedAt - (request?.startedAt ?? postedAt))} ms after the request reached the sandbox)`);
  });

  it("asks Kantata while the page loads; the answers wait for the page's ready, and a page loaded again asks anew", async () => {
    const panel = vscode.window.createWebviewPanel('kantata.profile', 'early', vscode.ViewColumn.Active, { enableScripts: true });
    // Note when the page says it is ready (the real page, loading in the workbench), and what had been posted
    // to it by then: listening before the extension's panel does, this hears "ready" before the panel acts on it.
    let opened: ProfilePanelProbe | undefined;
    let readyAt: number | undefined;
    let deliveredBeforeReady: string[] | undefined;
    const readyListener = panel.webview.onDidReceiveMessage((message: unknown) => {
      if (readyAt === undefined && (message as { type?: unknown }).type === 'ready') {
        readyAt = performance.now();
        deliveredBeforeReady = opened && postedTo(opened).map((sent) => sent.type);
      }
    });
    try {
      opened = api.profiles.restore(panel, { userId: '20012' });
      assert.ok(opened);
      postedTo(opened);
      await waitForMessage(opened, 'capacity');
      await waitForMessage(opened, 'profile');
      await waitFor(() => readyAt !== undefined, "the page's ready", 15_000);
    } finally {
      readyListener.dispose();
    }
    const [profileRequest] = userRequests('/users/20012');
    const [capacityRequest] = userRequests('/users/20012/capacity');
    assert.ok(profileRequest && capacityRequest, 'the profile and the capacity were not asked for');
    // The sandbox runs in this process: one clock.
    assert.ok(profileRequest.startedAt < (readyAt as number), 'the profile was asked for only once the page was ready');
    assert.ok(capacityRequest.startedAt < (readyAt as number), 'the capacity was asked for only once the page was ready');
    assert.deepEqual(deliveredBeforeReady, [], 'messages were delivered to a page that was not ready');

    // A page loaded again (its state gone) says ready again: everything is sent anew, the profile asked for
    // again, the capacity from the session's cache (only Refresh asks Kantata again for it). The second
    // "ready" comes from a fake webview, which can say it at will.
    const { panel: again, fake } = openFakeProfile(api, '20012');
    try {
      fake.fromPage({ type: 'ready' });
      await waitForMessage(again, 'profile');
      await waitForMessage(again, 'capacity');
      const asked = { profile: userRequests('/users/20012').length, capacity: userRequests('/users/20012/capacity').length };
      fake.fromPage({ type: 'ready' });
      await waitForMessage(again, 'profile', 2);
      await waitForMessage(again, 'capacity', 2);
      assert.deepEqual([userRequests('/users/20012').length, userRequests('/users/20012/capacity').length], [asked.profile + 1, asked.capacity]);
      fake.fromPage({ type: 'refresh' });
      await waitForMessage(again, 'capacity', 3);
      assert.equal(userRequests('/users/20012/capacity').length, asked.capacity + 1, 'Refresh asks Kantata again');
    } finally {
      fake.dispose();
    }
  });

  // Last: it disposes panels while their pages load, which can hold up the next webview (see waitForMessage).
  it('is restored after a window reload from the state its page saved', async () => {
    const panel = vscode.window.createWebviewPanel('kantata.profile', 'restored', vscode.ViewColumn.Active, { enableScripts: true });
    const restored = api.profiles.restore(panel, { userId: '20010', range: { start: '2026-11-02', end: '2026-11-08' } });
    assert.ok(restored);
    const capacity = await waitForMessage(restored, 'capacity');
    assert.deepEqual(capacity.range, { start: '2026-11-02', end: '2026-11-08' });
    assert.equal((await waitForMessage(restored, 'profile')).profile.id, '20010');
    const twice = vscode.window.createWebviewPanel('kantata.profile', 'twice', vscode.ViewColumn.Active, {});
    assert.equal(api.profiles.restore(twice, { userId: '20010' }), undefined, 'a second panel for the same person');
    const bogus = vscode.window.createWebviewPanel('kantata.profile', 'bogus', vscode.ViewColumn.Active, {});
    assert.equal(api.profiles.restore(bogus, { userId: '../../etc' }), undefined);
  });

  // Last too: the second panel hides the first while its page is loading (see waitForMessage); nothing here
  // needs the pages themselves.
  it('one panel per person: opening an open one reveals it', async () => {
    await vscode.commands.executeCommand('kantata.openProfile', { userId: '20004' });
    const panel = api.profiles.get('20004');
    await vscode.commands.executeCommand('kantata.openProfile', { userId: '20005' });
    await vscode.commands.executeCommand('kantata.openProfile', { userId: '20004' });
    assert.ok(panel);
    assert.equal(api.profiles.get('20004'), panel);
    assert.equal(panel.isDisposed, false);
    await waitFor(() => panel.panel.active, 'the panel to be revealed');
    // What the user sees: one tab for the person.
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === panel.panel.title);
    await waitFor(() => tabs().length === 1, () => `one tab titled ${panel.panel.title} (${tabs().length})`);
  });
});
