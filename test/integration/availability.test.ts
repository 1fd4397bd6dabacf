import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GridProgress, ToWebview } from '../../src/availability/protocol';
import type { AvailabilityPanelProbe, KantataTestApi } from '../../src/testApi';
import type { GroupNode, TeammateNode } from '../../src/teammates/teammateNodes';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, waitFor } from './support/extensionUnderTest';
import { FakeWebviewPanel } from './support/fakeWebviewPanel';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { rowOf, waitForGrouping } from './support/teammatesRows';
import { recordWindow } from './support/windowRecorder';

const posted = new WeakMap<AvailabilityPanelProbe, ToWebview[]>();

/** What a panel posted to its page since the first call for it (call it as the panel opens). */
function postedTo(panel: AvailabilityPanelProbe): ToWebview[] {
  let list = posted.get(panel);
  if (!list) {
    const messages: ToWebview[] = [];
    list = messages;
    posted.set(panel, messages);
    panel.onDidPostMessage((message) => messages.push(message));
  }
  return list;
}

function sent<T extends ToWebview['type']>(panel: AvailabilityPanelProbe, type: T): Extract<ToWebview, { type: T }>[] {
  return postedTo(panel).filter((message): message is Extract<ToWebview, { type: T }> => message.type === type);
}

/** The userIds of every row sent to the page so far. */
function rowsSent(panel: AvailabilityPanelProbe): string[] {
  return sent(panel, 'rows').flatMap((message) => message.rows.map((row) => row.userId));
}

/** Resolves with the progress of the panel's next load to have nothing left running. */
function nextFinish(panel: AvailabilityPanelProbe): Promise<GridProgress> {
  return new Promise((resolve) => {
    const listener = panel.onDidFinishLoading((progress) => {
      listener.dispose();
      resolve(progress);
    });
  });
}

/** Runs the command and resolves with the panel it opened (and its first load's end). */
async function openWith(api: KantataTestApi, ...args: unknown[]): Promise<{ panel: AvailabilityPanelProbe; finished: Promise<GridProgress> }> {
  let opened: { panel: AvailabilityPanelProbe; finished: Promise<GridProgress> } | undefined;
  const listener = api.availability.onDidOpen((panel) => {
    opened = { panel, finished: nextFinish(panel) };
    postedTo(panel);
  });
  try {
    const shown = await vscode.commands.executeCommand('kantata.showTeamAvailability', ...args);
    assert.equal(shown, true, 'the command opened a grid');
  } finally {
    listener.dispose();
  }
  assert.ok(opened, 'a panel was opened');
  return opened;
}

/** A grid on a fake panel, as VS Code restores one after a reload; its page has not said "ready" yet. */
function openFake(api: KantataTestApi, people: readonly { id: string; name: string }[], preset = 'next2Weeks') {
  const fake = new FakeWebviewPanel();
  let finished: Promise<GridProgress> | undefined;
  const listener = api.availability.onDidOpen((panel) => {
    finished = nextFinish(panel);
    postedTo(panel);
  });
  const state = { title: 'Test grid', preset, people: people.map((person) => ({ id: person.id, name: person.name, initials: 'T' })) };
  const panel = api.availability.restore(fake as unknown as vscode.WebviewPanel, state);
  listener.dispose();
  assert.ok(panel && finished, 'the state was accepted');
  return { panel, fake, finished };
}

describe('Team Availability', function () {
  this.timeout(120_000);
  let api: KantataTestApi;
  let sandbox: Sandbox;
  const capacityRequests = () => sandbox.requests.filter((request) => /^\/api\/v1\/users\/\d+\/capacity$/.test(request.path));

  before(async () => {
    api = await activateExtension();
    sandbox = await startSandbox();
    await afterLoad(api, () => signInTo(api, sandbox));
    await waitForGrouping(api, 'role');
  });

  beforeEach(() => {
    sandbox.reset();
  });

  afterEach(async () => {
    api.availability.panels.forEach((panel) => panel.panel.dispose());
    await vscode.workspace.getConfiguration().update('kantata.availability.maxConcurrentRequests', undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await signOutAndReset(api);
    await sandbox.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function biggestGroup(): GroupNode {
    const groups = api.teammatesTree.roots().filter((node): node is GroupNode => node.kind === 'group');
    const group = [...groups].sort((a, b) => b.group.users.length - a.group.users.length)[0];
    assert.ok(group && group.group.users.length > 6, 'a role group bigger than the in-flight limit');
    return group;
  }

  it('opens from a role group: one request per person for the whole range, at most the setting in flight', async () => {
    sandbox.setLatency(60);
    const group = biggestGroup();
    const { panel, finished } = await openWith(api, group);
    const progress = await finished;
    const people = group.group.users.length;
    assert.deepEqual(progress, { done: people, failed: 0, total: people, finished: true, cancelled: false });
    assert.match(panel.panel.title, /^Availability: /);
    assert.deepEqual(
      panel.people.map((person) => person.id).sort(),
      group.group.users.map((user) => user.id).sort(),
    );
    const requests = capacityRequests();
    assert.equal(requests.length, people, 'one request per person, never one per week');
    assert.equal(new Set(requests.map((request) => `${request.query.start_date} ${request.query.end_date}`)).size, 1, 'every request asks for the same whole range');
    const [first] = requests;
    const days = (Date.parse(first?.query.end_date ?? '') - Date.parse(first?.query.start_date ?? '')) / 86_400_000 + 1;
    assert.ok(days >= 36 && days <= 42, `six ISO weeks from today (${days} days)`);
    assert.equal(sandbox.maxConcurrent(), 6, 'the default limit, reached and never passed');
  });

  it('follows the in-flight setting, and a multi-selection of rows and groups counts each person once', async () => {
    await vscode.workspace.getConfiguration().update('kantata.availability.maxConcurrentRequests', 2, vscode.ConfigurationTarget.Global);
    sandbox.setLatency(40);
    const group = biggestGroup();
    const members = group.group.users.slice(0, 3).map((user) => rowOf(api, user.id) as TeammateNode);
    const other = api.teammatesTree.roots().find((node): node is GroupNode => node.kind === 'group' && node !== group && node.group.users.length > 0);
    assert.ok(other);
    const selection = [...members, group, other];
    const { panel, finished } = await openWith(api, members[0], selection);
    await finished;
    const expected = new Set([...group.group.users, ...other.group.users].map((user) => user.id));
    assert.equal(panel.people.length, expected.size);
    assert.equal(panel.panel.title, `Availability: ${expected.size} people`);
    // The first group's answers for these weeks are in the session's cache since the test before: only the
    // other group is asked for.
    assert.equal(capacityRequests().length, other.group.users.length);
    assert.equal(sandbox.maxConcurrent(), 2);
  });

  it('sends the page the grid when it is ready, rows as they come, a failing person apart with a retry', async () => {
    const users = (api.teammates.users ?? []).slice(0, 8);
    const failing = users[2];
    assert.ok(failing);
    sandbox.injectFault({ path: `/users/${failing.id}/capacity`, kind: 'status', status: 500, times: 1 });
    const { panel, fake, finished } = openFake(api, users.map((user) => ({ id: user.id, name: user.fullName })));
    fake.fromPage({ type: 'ready' });
    const progress = await finished;
    assert.equal(progress.failed, 1);
    await waitFor(() => sent(panel, 'progress').some((message) => message.progress.finished), 'the final progress message');
    const [grid] = sent(panel, 'grid');
    assert.ok(grid);
    assert.equal(grid.weeks.length, 2, 'next 2 weeks: this week and the next');
    assert.equal(grid.people.length, 8);
    const errors = sent(panel, 'rowError');
    assert.deepEqual(errors.map((message) => message.userId), [failing.id]);
    assert.equal(errors[0]?.error.canRetry, true);
    assert.deepEqual(rowsSent(panel).sort(), users.filter((user) => user !== failing).map((user) => user.id).sort());
    for (const row of sent(panel, 'rows').flatMap((message) => message.rows)) {
      assert.equal(row.cells.length, 2);
      assert.ok(row.cells.every((cell) => /^\d+(\.\d+)? h( of \d+(\.\d+)? h)?$/.test(cell.text) && cell.days.length >= 1));
    }

    sandbox.clearRequests();
    const retried = nextFinish(panel);
    fake.fromPage({ type: 'retryRow', userId: failing.id });
    assert.equal((await retried).failed, 0);
    assert.deepEqual(capacityRequests().map((request) => request.path), [`/api/v1/users/${failing.id}/capacity`], 'only the failed person is asked again');
    assert.ok(sent(panel, 'rowsLoading').some((message) => message.userIds.includes(failing.id)));
    await waitFor(() => rowsSent(panel).includes(failing.id), 'the retried row');
  });

  it('Cancel stops what is queued and in flight; closing the panel aborts its requests', async () => {
    sandbox.injectFault({ path: /\/capacity$/, kind: 'hold', times: Infinity });
    const users = (api.teammates.users ?? []).slice(0, 20);
    // Thirteen weeks: no earlier test asked for them, so nothing comes from the cache.
    const { panel, fake, finished } = openFake(api, users.map((user) => ({ id: user.id, name: user.fullName })), 'next13Weeks');
    fake.fromPage({ type: 'ready' });
    await waitFor(() => sandbox.heldCount === 6, 'six requests held');
    fake.fromPage({ type: 'cancel' });
    assert.deepEqual(await finished, { done: 0, failed: 0, total: 20, finished: true, cancelled: true });
    // The sandbox keeps holding; the client's closed connections end their log records (status 0: no answer).
    const closedByClient = () => capacityRequests().every((request) => request.finishedAt > 0 && request.status === 0);
    await waitFor(closedByClient, 'the held requests to be dropped by the client');
    assert.equal(capacityRequests().length, 6, 'nothing more was asked after Cancel');

    // Retry failed after a cancel asks for the ones left; closing the panel then aborts them.
    sandbox.clearRequests();
    fake.fromPage({ type: 'retryFailed' });
    await waitFor(() => capacityRequests().length === 6, 'six requests held again');
    panel.panel.dispose();
    await waitFor(closedByClient, 'closing the panel to abort its requests');
    assert.equal(capacityRequests().length, 6);
    assert.ok(panel.isDisposed);
  });

  it('a profile opened after the grid shows capacity from the grid, without a request; Refresh asks again', async () => {
    const user = (api.teammates.users ?? [])[5];
    assert.ok(user);
    const { fake, finished } = openFake(api, [{ id: user.id, name: user.fullName }], 'next6Weeks');
    fake.fromPage({ type: 'ready' });
    assert.equal((await finished).done, 1);
    sandbox.clearRequests();
    api.profiles.get(user.id)?.panel.dispose();
    await vscode.commands.executeCommand('kantata.showCapacity', { userId: user.id });
    const profile = api.profiles.get(user.id);
    assert.ok(profile);
    const capacities: unknown[] = [];
    profile.onDidPostMessage((message) => message.type === 'capacity' && capacities.push(message));
    await waitFor(() => capacities.length > 0 || sandbox.requests.some((request) => request.path.endsWith('/capacity')), 'the profile capacity', 45_000);
    await waitFor(() => capacities.length > 0, 'the profile capacity message', 45_000);
    assert.equal(capacityRequests().length, 0, 'the next two weeks lie inside the grid\'s six: no request');
    profile.panel.dispose();
  });

  it('Copy as Markdown copies the rows in the page\'s order and filter', async () => {
    const users = (api.teammates.users ?? []).slice(10, 16);
    const { panel, fake, finished } = openFake(api, users.map((user) => ({ id: user.id, name: user.fullName })));
    fake.fromPage({ type: 'ready' });
    await finished;
    fake.fromPage({ type: 'copyMarkdown', view: { sort: { kind: 'name' } } });
    await waitFor(() => sent(panel, 'exported').length > 0, 'the export message');
    assert.match(sent(panel, 'exported')[0]?.message ?? '', /^Copied 6 people as a Markdown table\.$/);
    const text = await vscode.env.clipboard.readText();
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /^\| Person \| Role \| \d{4}-W\d{2} \(.*\) \| \d{4}-W\d{2} \(.*\) \|$/);
    assert.equal(lines.length, 2 + 6 + 1, 'header, rule, six people, totals');
    assert.match(lines.at(-1) ?? '', /^\| \*\*Total\*\* \|/);

    fake.fromPage({ type: 'copyMarkdown', view: { sort: { kind: 'name' }, filter: { week: 1, minHours: 1000 } } });
    await waitFor(() => sent(panel, 'exported').length > 1, 'the second export message');
    assert.equal(sent(panel, 'exported')[1]?.message, 'Copied 0 people as a Markdown table.');
    fake.fromPage({ type: 'copyMarkdown', view: { sort: { kind: 'hours', week: 99 } } });
    fake.fromPage({ type: 'openProfile', userId: '../x' });
    assert.equal(sent(panel, 'exported').length, 2, 'messages outside the protocol are ignored');
  });

  it('restores from a saved state, and says sign in when there is no account', async () => {
    await api.session.signOut();
    try {
      const { panel, fake, finished } = openFake(api, [{ id: '20003', name: 'José Müller' }]);
      fake.fromPage({ type: 'ready' });
      await finished;
      await waitFor(() => sent(panel, 'gridError').length > 0, 'the grid error');
      assert.equal(sent(panel, 'gridError')[0]?.error.canSignIn, true);
      assert.equal(capacityRequests().length, 0);
      assert.equal(api.availability.restore(new FakeWebviewPanel() as unknown as vscode.WebviewPanel, { title: 'x', preset: 'next2Weeks', people: [{ id: 'x', name: 'y', initials: 'z' }] }), undefined, 'a state with a bad id is refused');
    } finally {
      await afterLoad(api, () => signInTo(api, sandbox));
    }
  });

  it('from the palette: everyone or a group; above 200 people it says how many requests and asks first', async () => {
    const big = await startSandbox({ visibleUsers: 230 });
    try {
      await afterLoad(api, () => signInTo(api, big));
      const people = api.teammates.users?.length ?? 0;
      assert.ok(people > 200, `${people} people`);
      const everyone = async (answer: string | undefined) => {
        const recording = recordWindow({ answer: () => answer });
        try {
          const shown = vscode.commands.executeCommand('kantata.showTeamAvailability');
          await waitFor(() => (recording.createdQuickPicks[0]?.items.length ?? 0) > 2, 'the group picker to fill');
          const picker = recording.createdQuickPicks[0] as vscode.QuickPick<vscode.QuickPickItem>;
          assert.match(picker.items[0]?.label ?? '', /Everyone I can see/);
          assert.equal(picker.items[0]?.description, `${people.toLocaleString()} people`);
          assert.ok(picker.items.slice(2).every((item) => /^\d[\d,]* (person|people)$/.test(item.description ?? '')), 'each group says its size');
          picker.activeItems = [picker.items[0] as vscode.QuickPickItem];
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          return { shown: await shown, messages: recording.messages };
        } finally {
          recording.restore();
        }
      };
      const dismissed = await everyone(undefined);
      assert.equal(dismissed.shown, false, 'dismissing the question opens nothing');
      assert.equal(dismissed.messages[0]?.modal, true);
      assert.equal(dismissed.messages[0]?.message, `Show the availability of ${people.toLocaleString()} people?`);
      assert.match(dismissed.messages[0]?.detail ?? '', new RegExp(`^This makes ${people.toLocaleString()} requests to Kantata \\(one per person for 6 weeks, 6 at a time\\)`));
      assert.equal(big.requests.filter((request) => request.path.endsWith('/capacity')).length, 0);
      assert.equal(api.availability.panels.length, 0);

      const accepted = await everyone('Show Availability');
      assert.equal(accepted.shown, true);
      const [panel] = api.availability.panels;
      assert.equal(panel?.people.length, people);
      assert.equal(panel?.panel.title, 'Availability: Everyone');
    } finally {
      api.availability.panels.forEach((panel) => panel.panel.dispose());
      await afterLoad(api, () => signInTo(api, sandbox));
      await big.close();
    }
  });
});
