import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FilePeopleNode } from '../../src/filePeople/filePeopleView';
import type { KantataTestApi } from '../../src/testApi';
import { generateDataset } from '../sandbox/data';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, waitFor } from './support/extensionUnderTest';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { ScratchRepository } from '../support/scratchRepository';

/** The parts of the git extension's API (extensions/git/src/api/git.d.ts) this suite reads. */
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  getRepository(uri: vscode.Uri): { readonly rootUri: vscode.Uri } | null;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

const dataset = generateDataset();
const emailOf = (id: string) => dataset.users.find((user) => user.id === id)?.email_address ?? '';
const people = {
  alex: { id: '20001', name: 'Alex Rivera', email: emailOf('20001') },
  sam: { id: '20002', name: 'Sam Taylor', email: emailOf('20002') },
  jose: { id: '20003', name: 'José Müller', email: emailOf('20003') },
  siobhan: { id: '20004', name: "Siobhán O'Connor", email: emailOf('20004') },
  lee: { id: '20015', name: 'Lee Chen', email: emailOf('20015') },
};
const octocat = { name: 'Octo Cat', email: '583231+octocat@users.noreply.github.com' };
const stranger = { name: 'Stranger', email: 'stranger@elsewhere.example' };

describe('People in this file', function () {
  this.timeout(60_000);
  let api: KantataTestApi;
  let sandbox: Sandbox;
  let repository: ScratchRepository;
  let outside: vscode.Uri;
  const workspaceRoot = () => (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '');
  const uriIn = (file: string) => vscode.Uri.file(repository.path(file));

  const roots = () => api.filePeople.roots();
  const item = (node: FilePeopleNode) => api.filePeople.item(node);
  const emailRequests = () => sandbox.requests.filter((request) => request.path === '/api/v1/users' && request.query.by_email_addresses !== undefined);
  const sentAddresses = () => emailRequests().flatMap((request) => request.query.by_email_addresses?.split(',') ?? []);
  /** Person rows as [user id, number of commits]. */
  const personRows = () => roots().flatMap((node) => (node.kind === 'user' ? [[node.user.id, node.author.commits]] : []));
  const otherRows = () => {
    const group = roots().find((node) => node.kind === 'others');
    return group ? api.filePeople.children(group).map((node) => (node.kind === 'author' ? node.author.email : node.kind)) : [];
  };

  /** Waits until the view has finished with `file` (its state is about it, and not loading). */
  async function settledOn(file: vscode.Uri, kind = 'loaded'): Promise<void> {
    const state = () => api.filePeople.state;
    await waitFor(
      () => state().file?.fsPath === file.fsPath && state().kind === kind,
      () => `the view to show ${kind} for ${path.basename(file.fsPath)} (it shows ${state().kind} for ${state().file?.fsPath ?? 'no file'})`,
      20_000,
    );
  }

  async function open(file: vscode.Uri): Promise<void> {
    await vscode.window.showTextDocument(file, { preview: false });
  }

  async function showView(): Promise<void> {
    await vscode.commands.executeCommand('kantata.peopleInFile.focus');
    await waitFor(() => api.filePeople.visible, 'the view to be shown');
  }

  /** Turns VS Code's git on (the harness starts with it off) and waits until it has found the repository. */
  async function startGit(file: vscode.Uri): Promise<void> {
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    assert.ok(extension, 'the built-in git extension is installed');
    const git = extension.isActive ? extension.exports : await extension.activate();
    await waitFor(() => git.enabled, 'git to turn on', 20_000);
    const gitApi = git.getAPI(1);
    await waitFor(() => gitApi.state === 'initialized', 'git to finish scanning the workspace', 20_000);
    await waitFor(() => gitApi.getRepository(file) !== null, 'git to open the scratch repository', 20_000);
    assert.equal(gitApi.getRepository(file)?.rootUri.fsPath, repository.root);
  }

  before(async () => {
    api = await activateExtension();
    sandbox = await startSandbox();
    repository = new ScratchRepository(path.join(workspaceRoot(), 'file-people-repo'));
    repository.commit('a.ts', people.sam);
    repository.commit('a.ts', { name: 'jose', email: people.jose.email.replace(/^jose/, 'Jose') }, 'Email in another case');
    repository.commit('a.ts', people.sam, `Pair on a.ts\n\nCo-authored-by: ${people.alex.name} <${people.alex.email}>`);
    repository.commit('a.ts', octocat);
    repository.commit('a.ts', stranger);
    repository.commit('b.ts', people.jose);
    repository.commit('b.ts', people.sam);
    repository.commit('c.ts', people.siobhan);
    repository.commit('c.ts', people.sam);
    repository.commit('d.ts', people.lee);
    outside = vscode.Uri.file(path.join(workspaceRoot(), 'outside.txt'));
    fs.writeFileSync(outside.fsPath, 'not in any repository\n');
    await afterLoad(api, () => signInTo(api, sandbox));
    await showView();
  });

  beforeEach(() => sandbox.reset());

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('git').update('enabled', false, vscode.ConfigurationTarget.Global);
    await signOutAndReset(api);
    await sandbox.close();
    fs.rmSync(repository.root, { recursive: true, force: true });
    fs.rmSync(outside.fsPath, { force: true });
  });

  it('with git off, says so; once git is on, lists the matched people with their commits, the others apart, in one lookup', async () => {
    const file = uriIn('a.ts');
    await open(file);
    await settledOn(file, 'gitDisabled');
    assert.deepEqual(roots(), [], 'the welcome text, no rows');
    await startGit(file);
    // The view hears git start and open the repository by itself.
    await settledOn(file);
    // Most recent change first: Alex and Sam (day 3, Alex as co-author; same day, so by name), then José (day 2,
    // his address in another case).
    assert.deepEqual(personRows(), [
      [people.alex.id, 1],
      [people.sam.id, 2],
      [people.jose.id, 1],
    ]);
    assert.deepEqual(otherRows(), [stranger.email, octocat.email], 'the unknown and the no-reply authors, apart, latest first');
    assert.equal(api.filePeople.description, 'a.ts');
    const sam = roots().find((node) => node.kind === 'user' && node.user.id === people.sam.id) as FilePeopleNode;
    const tooltip = item(sam).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /2 commits\\?, last on/);
    assert.equal(item(sam).label, people.sam.name);
    assert.equal(item(sam).command?.command, 'kantata.filePeople.openRow');

    assert.equal(emailRequests().length, 1, 'one by_email_addresses request');
    const sent = sentAddresses();
    assert.ok(!sent.some((address) => address.includes('noreply')), 'no-reply addresses are never sent');
    assert.equal(sent.filter((address) => address === stranger.email).length, 1, 'the unknown author asked once');
    assert.ok(sent.includes(people.jose.email.replace(/^jose/, 'Jose')) && sent.includes(people.jose.email), 'an address in another case is asked as written and lower-cased');
    // Their week ahead follows, in the row's description.
    await waitFor(() => /^((This|Next) week: .* h|(Away|No hours) (this|next) week) \u00b7 \d+ commits?, /.test(String(item(sam).description)), () => `Sam's week ahead (${String(item(sam).description)})`, 20_000);
    // And their photo, as in the Teammates tree.
    await waitFor(() => item(sam).iconPath instanceof vscode.Uri, 'Sam\u2019s photo', 20_000);
  });

  it('another file by the same people costs no lookup', async () => {
    const file = uriIn('b.ts');
    await open(file);
    await settledOn(file);
    assert.deepEqual(personRows().map(([id]) => id), [people.sam.id, people.jose.id]);
    assert.deepEqual(otherRows(), []);
    assert.equal(emailRequests().length, 0);
    assert.equal(api.filePeople.description, 'b.ts');
  });

  it('while the view is hidden, switching files asks nothing; shown again, it catches up', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor(() => !api.filePeople.visible, 'the view to be hidden');
    const file = uriIn('c.ts');
    const switched = new Promise<void>((resolve) => {
      const listener = vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.uri.fsPath === file.fsPath) {
          listener.dispose();
          resolve();
        }
      });
    });
    await open(file);
    await switched;
    assert.equal(api.filePeople.state.file?.fsPath, uriIn('b.ts').fsPath, 'still the last file shown');
    assert.equal(sandbox.requests.length, 0, 'nothing asked while hidden');

    await showView();
    await settledOn(file);
    assert.deepEqual(personRows().map(([id]) => id), [people.sam.id, people.siobhan.id]);
    assert.deepEqual(sentAddresses(), [people.siobhan.email], 'only the new author is looked up');
  });

  it('a file outside any repository shows the welcome state, with no rows', async () => {
    await open(outside);
    await settledOn(outside, 'notInRepository');
    assert.deepEqual(roots(), []);
    assert.equal(emailRequests().length, 0);
  });

  it('a failed lookup shows an error row; its Retry loads the people', async () => {
    sandbox.injectFault({ method: 'GET', path: '/users', kind: 'status', status: 500, times: 1 });
    const file = uriIn('d.ts');
    await open(file);
    await settledOn(file, 'lookupFailed');
    const [row, ...more] = roots();
    assert.ok(row?.kind === 'notice' && row.severity === 'error' && more.length === 0);
    assert.match(String(item(row).contextValue), /\bremedy\.retry\b/);
    const retry = item(row).command;
    assert.equal(retry?.command, 'kantata.filePeople.retry');
    await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
    await settledOn(file);
    assert.deepEqual(personRows(), [[people.lee.id, 1]]);
    assert.deepEqual(sentAddresses(), [people.lee.email, people.lee.email], 'asked again after the failure');
  });

  it('with no editor open, the view says so, and Who Worked on This File? has nothing to show', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => api.filePeople.state.kind === 'noFile', () => `the view to show no file (it shows ${api.filePeople.state.kind})`);
    assert.deepEqual(roots(), []);
    assert.equal(api.filePeople.description, undefined);
    assert.equal(await vscode.commands.executeCommand('kantata.whoWorkedOnFile'), false);
    assert.equal(sandbox.requests.length, 0);
  });

  it('Who Worked on This File? shows the view for a file it is given', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor(() => !api.filePeople.visible, 'the view to be hidden');
    const file = uriIn('b.ts');
    assert.equal(await vscode.commands.executeCommand('kantata.whoWorkedOnFile', file), true);
    await waitFor(() => api.filePeople.visible, 'the view to be shown');
    assert.equal(api.filePeople.state.kind, 'loaded');
    assert.equal(api.filePeople.state.file?.fsPath, file.fsPath);
    assert.equal(emailRequests().length, 0);
  });

  it('a new commit to the file shows its author (known to the session already: no lookup)', async () => {
    const file = uriIn('b.ts');
    await open(file);
    await settledOn(file);
    repository.commit('b.ts', people.lee);
    // git notices the commit by itself (its watcher of .git); the view follows HEAD.
    await waitFor(() => personRows().some(([id]) => id === people.lee.id), () => `Lee in the rows (${JSON.stringify(personRows())})`, 20_000);
    assert.deepEqual(personRows().map(([id]) => id), [people.lee.id, people.sam.id, people.jose.id]);
    assert.equal(emailRequests().length, 0, 'Lee was asked about for d.ts already');
  });

  it('Refresh asks Kantata again about everyone in the file (someone may have joined)', async () => {
    const file = uriIn('b.ts');
    let finished = 0;
    const listener = api.filePeople.onDidFinishLoad(() => finished++);
    try {
      await vscode.commands.executeCommand('kantata.filePeople.refresh');
      await waitFor(() => finished > 0, 'the refresh to finish');
    } finally {
      listener.dispose();
    }
    await settledOn(file);
    assert.deepEqual(personRows().map(([id]) => id), [people.lee.id, people.sam.id, people.jose.id]);
    assert.deepEqual(sentAddresses().sort(), [people.jose.email, people.lee.email, people.sam.email].sort());
  });
});
