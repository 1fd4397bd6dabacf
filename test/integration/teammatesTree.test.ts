import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../src/testApi';
import type { TeammateNode } from '../../src/teammates/teammateNodes';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, setBaseUrl, waitFor } from './support/extensionUnderTest';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { waitForGrouping } from './support/teammatesRows';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

describe('the Teammates tree', () => {
  let api: KantataTestApi;
  let sandbox: Sandbox;

  const roots = () => api.teammatesTree.roots();
  const children = (node: TeammateNode) => api.teammatesTree.children(node);
  const item = (node: TeammateNode) => api.teammatesTree.item(node);
  const label = (node: TeammateNode) => String(item(node).label);
  const listRequests = () => sandbox.requests.filter((request) => request.method === 'GET' && request.path === '/api/v1/users');
  const setSetting = (name: string, value: unknown) =>
    vscode.workspace.getConfiguration().update(name, value, vscode.ConfigurationTarget.Global);

  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    await signOutAndReset(api);
    await sandbox?.close();
  });

  async function start(options: Parameters<typeof startSandbox>[0] = {}): Promise<void> {
    sandbox = await startSandbox(options);
    await afterLoad(api, () => signInTo(api, sandbox));
  }

  it('groups users by role: sorted groups with counts, "No role" last, users sorted by name, you marked', async () => {
    await start();
    const groups = roots();
    assert.ok(groups.every((node) => node.kind === 'group'));
    const labels = groups.map(label);
    assert.equal(labels.at(-1), 'No role');
    const named = labels.slice(0, -1);
    assert.deepEqual(named, [...named].sort(collator.compare), 'groups are not in name order');
    let total = 0;
    for (const group of groups) {
      const users = children(group);
      assert.equal(item(group).description, String(users.length));
      total += users.length;
      const names = users.map(label);
      assert.deepEqual(names, [...names].sort(collator.compare), `users of ${label(group)} are not in name order`);
    }
    assert.equal(total, 140);

    const me = groups.flatMap(children).find((node) => node.kind === 'user' && node.user.id === sandbox.adminUserId);
    assert.ok(me);
    assert.match(String(item(me).description), /^\(you\)/);
    assert.equal(item(me).id, `user/${me.kind === 'user' ? me.parent?.group.key : ''}/${sandbox.adminUserId}`);

    // One refresh is one list request (140 users, one page), with the documented parameters.
    assert.equal(listRequests().length, 1);
    assert.equal(listRequests()[0]?.query.include, 'role');
    assert.equal(listRequests()[0]?.query.optional_fields, 'classification,country');
    assert.equal(listRequests()[0]?.query.per_page, '200');
    assert.equal(listRequests()[0]?.headers.authorization, `Bearer ${sandbox.adminToken}`);
  });

  it('user rows: tooltip text from the API cannot form links, and the row reads well', async () => {
    await start();
    const users = roots().flatMap(children);
    const jose = users.find((node) => node.kind === 'user' && node.user.fullName.startsWith('José'));
    assert.ok(jose && jose.kind === 'user');
    const row = item(jose);
    const tooltip = row.tooltip as vscode.MarkdownString;
    assert.equal(tooltip.isTrusted, false);
    assert.ok(tooltip.value.includes('Jos'));
    assert.doesNotMatch(tooltip.value, /\]\(/, 'the tooltip holds a Markdown link');
    assert.ok(row.accessibilityInformation?.label.startsWith(jose.user.fullName));
    assert.equal(row.contextValue, 'kantata.user kantata.hasEmail');
  });

  it('Group By: classification, country and none, each from its command', async () => {
    await start();
    await vscode.commands.executeCommand('kantata.teammates.groupByClassification');
    await waitForGrouping(api, 'classification');
    assert.deepEqual(roots().map(label).filter((name) => name !== 'No classification'), ['External', 'Internal']);

    await vscode.commands.executeCommand('kantata.teammates.groupByCountry');
    await waitForGrouping(api, 'country');
    const countries = roots().map(label).filter((name) => name !== 'No country');
    assert.ok(countries.length > 1);
    assert.deepEqual(countries, [...countries].sort(collator.compare));

    await vscode.commands.executeCommand('kantata.teammates.groupByNone');
    await waitForGrouping(api, 'none');
    const flat = roots();
    assert.equal(flat.length, 140);
    assert.ok(flat.every((node) => node.kind === 'user'));
    assert.equal(listRequests().length, 1, 'regrouping must not reload');
  });

  it('the scope and show-disabled settings change what is loaded', async () => {
    await start();
    assert.ok(!api.teammates.users?.some((user) => user.id === '20017'));
    await afterLoad(api, () => setSetting('kantata.teammates.scope', 'account'));
    assert.equal(listRequests().at(-1)?.query.on_my_account, 'true');
    // User 20017 is on the account but in no project: only the account scope lists them.
    assert.ok(api.teammates.users?.some((user) => user.id === '20017'), 'the user in no project is missing');

    await afterLoad(api, () => setSetting('kantata.teammates.showDisabled', true));
    assert.equal(listRequests().at(-1)?.query.show_disabled, 'true');
    assert.ok(api.teammates.users?.some((user) => user.id === '20016'), 'the disabled user is missing');
  });

  it('a failed load shows an error row with its actions; Retry loads; a failed refresh keeps the data', async () => {
    sandbox = await startSandbox();
    sandbox.injectFault({ method: 'GET', path: '/users', kind: 'status', status: 500, times: 1 });
    await afterLoad(api, () => signInTo(api, sandbox));
    const [notice] = roots();
    assert.ok(notice?.kind === 'notice');
    const row = item(notice);
    assert.match(String(row.label), /Kantata/);
    assert.match(String(row.contextValue), /\bremedy\.retry\b/);
    assert.equal(row.command?.command, 'kantata.teammates.retry');

    await afterLoad(api, () => vscode.commands.executeCommand('kantata.teammates.retry'));
    assert.ok(roots().every((node) => node.kind === 'group'));

    sandbox.injectFault({ method: 'GET', path: '/users', kind: 'status', status: 500, times: 1 });
    await afterLoad(api, () => vscode.commands.executeCommand('kantata.refreshTeammates'));
    const [warning, ...rest] = roots();
    assert.ok(warning?.kind === 'notice' && warning.severity === 'warning');
    assert.match(label(warning), /^Couldn't refresh/);
    assert.ok(rest.length > 1 && rest.every((node) => node.kind === 'group'), 'the last good data vanished');
  });

  it('a 401 signs out with one notification, however many requests failed', async () => {
    await start();
    let rejections = 0;
    const listener = api.session.onDidRejectToken(() => rejections++);
    try {
      sandbox.injectFault({ kind: 'status', status: 401, times: Infinity });
      // Reading the secret again checks the token and reloads the list at once: two requests, two 401s.
      await setBaseUrl(api, 'http://127.0.0.1:9/api/v1');
      await setBaseUrl(api, sandbox.baseUrl);
      await waitFor(() => !api.teammates.isLoading && api.session.state.kind === 'signedOut', 'the session to sign out');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(rejections, 1);
      assert.deepEqual(roots(), []);
      assert.equal(api.teammates.users, undefined);
    } finally {
      listener.dispose();
    }
  });

  it('1,000 users: five list requests, groups of over 500 show "Load more"', async () => {
    await start({ visibleUsers: 1000 });
    assert.equal(listRequests().length, 5);
    assert.equal(api.teammates.users?.length, 1000);
    await vscode.commands.executeCommand('kantata.teammates.groupByNone');
    await waitForGrouping(api, 'none');
    const firstPage = roots();
    assert.equal(firstPage.length, 501);
    const more = firstPage.at(-1);
    assert.ok(more?.kind === 'loadMore');
    assert.equal(item(more).label, 'Load 500 more…');
    await vscode.commands.executeCommand('kantata.teammates.loadMore', more);
    const all = roots();
    assert.equal(all.length, 1000);
    assert.ok(all.every((node) => node.kind === 'user'));
    assert.equal(listRequests().length, 5, 'Load more must not reload');
  });

  it('Find Teammate: a QuickPick over the loaded users; picking one reveals and selects it', async () => {
    await start();
    const picked = vscode.commands.executeCommand<{ id: string; fullName: string } | undefined>('kantata.findTeammate');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const user = await picked;
    const first = [...(api.teammates.users ?? [])].sort((a, b) => collator.compare(a.fullName, b.fullName))[0];
    assert.equal(user?.id, first?.id);
    await waitFor(() => api.teammatesTree.selection.length === 1, 'the row to be selected');
    const selected = api.teammatesTree.selection[0];
    assert.equal(selected?.kind === 'user' && selected.user.id, first?.id);
  });

  it('Copy Email puts the address on the clipboard', async () => {
    await start();
    const node = roots().flatMap(children).find((candidate) => candidate.kind === 'user');
    assert.ok(node && node.kind === 'user');
    await vscode.commands.executeCommand('kantata.copyEmail', node);
    assert.equal(await vscode.env.clipboard.readText(), node.user.emailAddress);
  });
  it('user icons: the cached photo once downloaded (without the token), the account codicon until then', async () => {
    await start();
    const node = roots().flatMap(children).find((candidate) => candidate.kind === 'user' && candidate.user.photoPath);
    assert.ok(node && node.kind === 'user');
    const first = item(node).iconPath;
    assert.ok(first instanceof vscode.Uri || (first instanceof vscode.ThemeIcon && first.id === 'account'));
    await waitFor(() => item(node).iconPath instanceof vscode.Uri, 'the photo to be cached');
    const icon = item(node).iconPath as vscode.Uri;
    assert.equal(icon.scheme, 'file');
    assert.ok(sandbox.photoRequests.every((request) => request.headers.authorization === undefined));
    assert.equal(listRequests().length, 1, 'photos are not part of the refresh');
  });

  it('a photo that failed to download is tried again when the user refreshes the tree', async () => {
    sandbox = await startSandbox();
    sandbox.injectFault({ path: /^\/photos\//, kind: 'status', status: 503, times: Infinity });
    const logFile = path.join(api.storage.logUri.fsPath, 'Kantata.log');
    const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const newLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile).subarray(logStart).toString('utf8') : '');
    await afterLoad(api, () => signInTo(api, sandbox));
    const findNode = () => roots().flatMap(children).find((candidate) => candidate.kind === 'user' && candidate.user.id === '20003');
    const node = findNode();
    assert.ok(node && node.kind === 'user' && node.user.photoPath);
    const photoPath = new URL(node.user.photoPath).pathname;
    item(node); // asks the cache for the photo
    // Failed: logged once (the channel writes asynchronously), and not tried again by itself for a while.
    await waitFor(() => newLog().includes(`Profile photo not shown: `) && newLog().includes(photoPath), () => `the failure in Kantata.log; new lines: ${newLog().slice(-600)}`, 10_000);
    sandbox.reset(); // the photo server is well again
    assert.ok(item(node).iconPath instanceof vscode.ThemeIcon, 'a failed photo is not asked for again at once');
    await afterLoad(api, () => vscode.commands.executeCommand('kantata.refreshTeammates'));
    const again = findNode();
    assert.ok(again);
    await waitFor(() => item(again).iconPath instanceof vscode.Uri, 'the photo after Refresh');
    assert.ok(sandbox.photoRequests.some((request) => request.path === photoPath));
  });
});
