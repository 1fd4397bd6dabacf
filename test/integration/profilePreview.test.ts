// The profile preview panel (issue 22): a teammate clicked in a tree shows in one preview panel, given each next
// person without a new webview, until it is kept open. Most panels here are FakeWebviewPanels adopted through the
// serializer (support/fakeWebviewPanel.ts): what matters is which panel the extension uses and what it posts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../src/testApi';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, waitFor } from './support/extensionUnderTest';
import { openFakeProfile, postedTo, sentOfType, waitForSent } from './support/fakeWebviewPanel';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';

const preview = (userId: string) => vscode.commands.executeCommand<boolean>('kantata.profile.preview', { userId });
const profileTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);

describe('the profile preview panel', () => {
  let api: KantataTestApi;
  let sandbox: Sandbox;
  const requested = (path: string) => sandbox.requests.filter((request) => request.path === `/api/v1${path}`);

  before(async () => {
    api = await activateExtension();
    sandbox = await startSandbox();
    await afterLoad(api, () => signInTo(api, sandbox));
  });

  /** The fake panels a test opened: closed after it, with the real ones, so each test starts with no preview. */
  const fakes: { dispose(): void }[] = [];

  beforeEach(() => {
    sandbox.reset();
  });

  afterEach(async () => {
    fakes.splice(0).forEach((fake) => fake.dispose());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await signOutAndReset(api);
    await sandbox.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** A preview panel whose page is ready, showing `userId`. */
  function fakePanel(userId: string, preview: boolean): ReturnType<typeof openFakeProfile> {
    const opened = openFakeProfile(api, userId, { preset: 'thisWeek', preview });
    fakes.push(opened.fake);
    return opened;
  }

  async function readyPreview(userId: string): Promise<ReturnType<typeof openFakeProfile>> {
    const opened = fakePanel(userId, true);
    opened.fake.fromPage({ type: 'ready' });
    await waitForSent(opened.panel, 'profile');
    return opened;
  }

  it('the next teammate clicked is shown in the same panel, without a new webview: the page drops the last person and loads the next', async () => {
    const { panel, fake } = await readyPreview('20003');
    assert.equal(panel.isPreview, true);
    assert.equal(await preview('20004'), true);
    assert.equal(api.profiles.get('20004'), panel, 'the preview panel now shows 20004');
    assert.equal(api.profiles.get('20003'), undefined, 'and no longer 20003');
    assert.equal(panel.panel, fake as unknown as vscode.WebviewPanel, 'the same webview');
    assert.equal(profileTabs().length, 0, 'no new panel opened in the workbench');

    const profileOf = () => sentOfType(panel, 'profile').find((message) => message.profile.id === '20004');
    await waitFor(() => profileOf() !== undefined, 'the profile of 20004');
    assert.equal(panel.panel.title, profileOf()?.profile.fullName);
    const messages = postedTo(panel).map((message) => message.type);
    const switched = messages.lastIndexOf('person');
    assert.deepEqual(sentOfType(panel, 'person').at(-1), { type: 'person', userId: '20004' });
    assert.ok(messages.indexOf('profileLoading', switched) > switched && messages.indexOf('capacityLoading', switched) > switched, messages.join(', '));
    await waitFor(() => postedTo(panel).slice(switched).some((message) => message.type === 'capacity'), 'the capacity of 20004');
    const [capacity] = requested('/users/20004/capacity');
    const thisWeek = sentOfType(panel, 'capacity')[0];
    assert.equal(capacity?.query.start_date, thisWeek?.range.start, 'the range the panel had stays for the next person');
  });

  it('an answer about the last person, arriving after the switch, never reaches the page', async () => {
    const { panel, fake } = await readyPreview('20005');
    // The page's Refresh asks again, and the sandbox holds that request open.
    sandbox.injectFault({ kind: 'hold', method: 'GET', path: '/users/20005' });
    fake.fromPage({ type: 'refresh' });
    await waitFor(() => sandbox.heldCount === 1, 'the refresh of 20005 held by the sandbox');
    await preview('20006');
    await waitFor(() => sentOfType(panel, 'profile').some((message) => message.profile.id === '20006'), 'the profile of 20006');
    const before = postedTo(panel).length;
    sandbox.releaseHeld();
    await waitFor(() => requested('/users/20005').every((request) => request.status !== undefined), 'the held request answered');
    await waitFor(() => sandbox.heldCount === 0, 'nothing held');
    const after = postedTo(panel).slice(before);
    assert.deepEqual(after.filter((message) => message.type === 'profile' && message.profile.id === '20005'), []);
  });

  it('a second click on the person it shows keeps it open; the next click opens a new preview beside it', async () => {
    const { panel } = await readyPreview('20007');
    await preview('20007');
    assert.equal(panel.isPreview, false);
    assert.deepEqual(sentOfType(panel, 'preview').at(-1), { type: 'preview', preview: false }, 'the page stops offering Keep Open');
    assert.equal(await preview('20008'), true);
    const next = api.profiles.get('20008');
    assert.ok(next && next !== panel);
    assert.equal(next.isPreview, true);
    assert.equal(api.profiles.get('20007'), panel, 'the kept panel still shows 20007');
  });

  it("Keep Open from the page, or the command (the editor title's pin), keeps it; the command says whether there was one", async () => {
    const { panel, fake } = await readyPreview('20009');
    fake.fromPage({ type: 'keepOpen' });
    await waitFor(() => !panel.isPreview, 'the page’s Keep Open');
    assert.equal(await vscode.commands.executeCommand('kantata.profile.keepOpen'), false, 'no preview left to keep');
    const other = await readyPreview('20010');
    assert.equal(await vscode.commands.executeCommand('kantata.profile.keepOpen'), true);
    assert.equal(other.panel.isPreview, false);
  });

  it('Open Profile opens a panel of its own and leaves the preview alone; a person open in a kept panel is revealed, not previewed', async () => {
    const { panel } = await readyPreview('20011');
    const kept = fakePanel('20012', false);
    assert.equal(await preview('20012'), true);
    assert.equal(api.profiles.get('20012'), kept.panel, 'revealed in its own panel');
    assert.equal(api.profiles.get('20011'), panel, 'the preview still shows 20011');
    assert.equal(panel.isPreview, true);
    assert.equal(kept.panel.isPreview, false);
  });

  it('a restored preview panel is the preview again, and is given the next person clicked', async () => {
    const { panel } = await readyPreview('20013');
    assert.equal(panel.isPreview, true);
    assert.deepEqual(sentOfType(panel, 'preview'), [{ type: 'preview', preview: true }], 'its page offers Keep Open');
    await preview('20014');
    assert.equal(api.profiles.get('20014'), panel);
  });

  it('with workbench.editor.enablePreview off, each teammate clicked opens a panel of their own', async () => {
    const settings = vscode.workspace.getConfiguration('workbench.editor');
    await settings.update('enablePreview', false, vscode.ConfigurationTarget.Global);
    try {
      const { panel } = await readyPreview('20015');
      assert.equal(await preview('20016'), true);
      const own = api.profiles.get('20016');
      assert.ok(own && own !== panel, 'a panel of its own');
      assert.equal(own.isPreview, false);
      assert.equal(api.profiles.get('20015'), panel);
    } finally {
      await settings.update('enablePreview', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
