import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GridProgress } from '../../src/availability/protocol';
import type { AvailabilityPanelProbe, KantataTestApi } from '../../src/testApi';
import type { GroupNode, TeammateNode } from '../../src/teammates/teammateNodes';
import { generateDataset } from '../sandbox/data';
import { HIDDEN_ONLY_PROJECT_INDEX, projectWireId } from '../sandbox/projects';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, waitFor } from './support/extensionUnderTest';
import { WEEK_AHEAD_TEXT } from '../support/weekAheadText';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';

describe("This project's team", function () {
  this.timeout(60_000);
  let api: KantataTestApi;
  let sandbox: Sandbox;
  // The sandbox's own data for the default seed: who is on which project (the API answers only the filter).
  const dataset = generateDataset();
  /** Whom the administrator sees on a project: its enabled users. */
  const participantIdsOf = (projectId: string) =>
    dataset.users.filter((user) => !user.disabled && user.projectIds.some((index) => projectWireId(index) === projectId)).map((user) => user.id).sort();

  const roots = () => api.teammatesTree.roots();
  const children = (node: TeammateNode) => api.teammatesTree.children(node);
  const item = (node: TeammateNode) => api.teammatesTree.item(node);
  const projectRequests = () => sandbox.requests.filter((request) => request.path === '/api/v1/users' && request.query.participant_in !== undefined);
  const linkedProject = () => vscode.workspace.getConfiguration().inspect<string>('kantata.projectId')?.workspaceValue;

  /** The "This project" group when it is the first row. */
  function projectGroup(): GroupNode | undefined {
    const [first] = roots();
    return first?.kind === 'group' && first.projectId !== undefined ? first : undefined;
  }

  /** Waits until the group of `projectId` is first and has finished loading (people, or the row saying why none). */
  async function waitForProjectGroup(projectId: string): Promise<GroupNode> {
    const loaded = () => {
      const group = projectGroup();
      const rows = group?.projectId === projectId ? children(group) : [];
      return rows.length > 0 && !rows.some((row) => row.kind === 'notice' && row.severity === 'loading');
    };
    await waitFor(loaded, () => `the group of project ${projectId} to load (first row: ${roots()[0] ? String(item(roots()[0] as TeammateNode).label) : 'none'})`, 15_000);
    return projectGroup() as GroupNode;
  }

  before(async () => {
    api = await activateExtension();
    sandbox = await startSandbox();
    await afterLoad(api, () => signInTo(api, sandbox));
  });

  beforeEach(() => sandbox.reset());

  afterEach(async () => {
    api.availability.panels.forEach((panel) => panel.panel.dispose());
    await vscode.workspace.getConfiguration().update('kantata.projectId', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => projectGroup() === undefined, 'the project group to go');
  });

  after(async () => {
    await signOutAndReset(api);
    await sandbox.close();
  });

  it('Link Workspace to Project writes the workspace setting; the group comes first with the project\u2019s people', async () => {
    assert.equal(projectGroup(), undefined, 'no group without a linked project');
    const linked = await vscode.commands.executeCommand('kantata.linkProject', 'https://acme.kantata.com/workspaces/1/#tracker');
    assert.equal(linked, true);
    assert.equal(linkedProject(), '1');
    const group = await waitForProjectGroup('1');
    assert.equal(item(group).label, 'This project (#1)');
    assert.equal(item(group).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.match(String(item(group).contextValue), /\bkantata\.group\b/, 'the group menus (Team Availability) apply');
    const rows = children(group);
    assert.ok(rows.every((row) => row.kind === 'user'));
    const ids = rows.map((row) => (row.kind === 'user' ? row.user.id : '')).sort();
    assert.deepEqual(ids, participantIdsOf('1'));
    assert.equal(item(group).description, String(ids.length));
    // The usual groups follow, unchanged: everyone is still in them.
    const usual = roots().slice(1);
    assert.ok(usual.length > 1 && usual.every((node) => node.kind === 'group' && node.projectId === undefined));
    assert.equal(usual.flatMap(children).length, 140);

    const [request] = projectRequests();
    assert.equal(request?.query.participant_in, '1');
    assert.equal(request?.query.include, 'role');
    assert.equal(request?.query.per_page, '200');
  });

  it('refuses a link to no project, and needs no prompt for a number', async () => {
    assert.equal(await vscode.commands.executeCommand('kantata.linkProject', 'https://app.mavenlink.com/dashboard'), false);
    assert.equal(linkedProject(), undefined);
    assert.equal(await vscode.commands.executeCommand('kantata.linkProject', '2'), true);
    await waitForProjectGroup('2');
  });

  it('a project nobody visible is on: the message row, and clicking it unlinks', async () => {
    const hidden = projectWireId(HIDDEN_ONLY_PROJECT_INDEX);
    await vscode.commands.executeCommand('kantata.linkProject', hidden);
    const group = await waitForProjectGroup(hidden);
    const [row, ...more] = children(group);
    assert.ok(row?.kind === 'notice' && more.length === 0);
    assert.equal(item(row).label, `Nobody you can see is on project ${hidden} (it may not exist, or be hidden from this account)`);
    assert.equal(item(group).description, '');
    const command = item(row).command;
    assert.equal(command?.command, 'kantata.unlinkProject');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.equal(linkedProject(), undefined);
    await waitFor(() => projectGroup() === undefined, 'the group to go after Unlink');
  });

  it('a new project replaces the group, even while the old one is loading', async () => {
    sandbox.injectFault({ method: 'GET', path: '/users', kind: 'hold', times: 1 });
    await vscode.commands.executeCommand('kantata.linkProject', '3');
    await waitFor(() => sandbox.heldCount === 1, 'the request for project 3 to be held');
    assert.equal(item(projectGroup() as GroupNode).label, 'This project (#3)');
    await vscode.commands.executeCommand('kantata.linkProject', '4');
    const group = await waitForProjectGroup('4');
    sandbox.releaseHeld();
    assert.equal(item(group).label, 'This project (#4)');
    assert.deepEqual(children(group).map((row) => (row.kind === 'user' ? row.user.id : row.kind)).sort(), participantIdsOf('4'));
    assert.deepEqual(projectRequests().map((request) => request.query.participant_in), ['3', '4']);
    assert.equal(roots().filter((node) => node.kind === 'group' && node.projectId !== undefined).length, 1);
  });

  it('a failed load shows its error in the group only; its Retry reloads the group alone', async () => {
    sandbox.injectFault({ method: 'GET', path: '/users', kind: 'status', status: 500, times: 1 });
    await vscode.commands.executeCommand('kantata.linkProject', '1');
    const group = await waitForProjectGroup('1');
    const [row] = children(group);
    assert.ok(row?.kind === 'notice' && row.severity === 'error');
    assert.match(String(item(row).contextValue), /\bremedy\.retry\b/);
    assert.equal(roots().slice(1).flatMap(children).length, 140, 'the rest of the tree is unaffected');
    const before = sandbox.requests.length;
    const retry = item(row).command;
    assert.equal(retry?.command, 'kantata.teammates.retry');
    await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
    const reloaded = await waitForProjectGroup('1');
    assert.deepEqual(children(reloaded).map((node) => (node.kind === 'user' ? node.user.id : node.kind)).sort(), participantIdsOf('1'));
    const since = sandbox.requests.slice(before).filter((request) => request.path === '/api/v1/users');
    assert.ok(since.length > 0 && since.every((request) => request.query.participant_in === '1'), 'Retry reloaded only the project');
  });

  it("each of the project's people shows the week ahead, asked at most once a person and day", async () => {
    await vscode.commands.executeCommand('kantata.linkProject', '5');
    const group = await waitForProjectGroup('5');
    const people = participantIdsOf('5');
    const capacityRequests = () => sandbox.requests.filter((request) => /^\/api\/v1\/users\/\d+\/capacity$/.test(request.path));
    const weekText = (row: TeammateNode) => String(item(row).description);
    await waitFor(() => children(group).every((row) => WEEK_AHEAD_TEXT.test(weekText(row))), () => `every row to show its week (${children(group).map(weekText).join(' | ')})`);
    // People already shown on an earlier project today are known: only the others are asked, once each.
    const asked = capacityRequests().map((request) => request.path.split('/')[4] as string);
    assert.ok(asked.length > 0 && asked.every((id) => people.includes(id)), `asked only for the project's people: ${asked.join(', ')}`);
    assert.equal(new Set(asked).size, asked.length, 'nobody asked twice');
    const [first] = children(group);
    assert.ok(first?.kind === 'user');
    assert.match(String((item(first).tooltip as vscode.MarkdownString).value), /\$\(calendar\) (This|Next) week\\?: |\$\(calendar\) (Away|No hours) (this|next) week/);
    // The same rows asked again (VS Code repaints them) make no request; neither does the same person in the usual groups.
    children(group).forEach(item);
    roots().slice(1).flatMap(children).forEach(item);
    assert.equal(capacityRequests().length, asked.length);
  });

  it('Team Availability opens on the group with its people', async () => {
    await vscode.commands.executeCommand('kantata.linkProject', '2');
    const group = await waitForProjectGroup('2');
    let opened: { panel: AvailabilityPanelProbe; finished: Promise<GridProgress> } | undefined;
    const listener = api.availability.onDidOpen((panel) => {
      opened = { panel, finished: new Promise((resolve) => { const done = panel.onDidFinishLoading((progress) => { done.dispose(); resolve(progress); }); }) };
    });
    try {
      assert.equal(await vscode.commands.executeCommand('kantata.showTeamAvailability', group), true);
    } finally {
      listener.dispose();
    }
    assert.ok(opened);
    const people = participantIdsOf('2');
    assert.deepEqual(opened.panel.people.map((person) => person.id).sort(), people);
    assert.equal(opened.panel.panel.title, 'Availability: This project (#2)');
    const progress = await opened.finished;
    assert.equal(progress.done, people.length);
    assert.equal(progress.failed, 0);
  });
});
