// Accounts and session identity (issue 16): several accounts, the Accounts menu's provider, Switch Account,
// and the races in which a token or a write could reach the wrong server or sign out the wrong account. Each
// race holds a request open with the sandbox's 'hold' fault (or a prompt the test answers later), changes the
// account or the base URL meanwhile, then checks the sandboxes' request logs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EditableField } from '../../src/editing/userFieldRules';
import type { KantataError } from '../../src/kantata/errors';
import type { User } from '../../src/kantata/types';
import type { KantataTestApi } from '../../src/testApi';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, setBaseUrl, waitFor } from './support/extensionUnderTest';
import { postedTo } from './support/fakeWebviewPanel';
import { ScriptedTokenPrompt } from './support/scriptedTokenPrompt';
import { ScriptedUserEditPrompts } from './support/scriptedUserEditPrompts';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { recordWindow } from './support/windowRecorder';

/** The requests a sandbox received with this token. */
function withToken(sandbox: Sandbox, token: string): string[] {
  return sandbox.requests.filter((request) => request.headers.authorization === `Bearer ${token}`).map((request) => `${request.method} ${request.path}`);
}

/** Edit prompts whose value box stays open until the test answers it: the user is still typing. */
class HeldValuePrompts extends ScriptedUserEditPrompts {
  private answer: ((value: string) => void) | undefined;

  get isAsking(): boolean {
    return this.answer !== undefined;
  }

  override async askValue(field: EditableField, options: { readonly user: User; readonly value: string; readonly error?: string }): Promise<string | undefined> {
    await super.askValue(field, options);
    return new Promise((resolve) => (this.answer = resolve));
  }

  type(value: string): void {
    this.answer?.(value);
    this.answer = undefined;
  }
}

describe('accounts and session identity', () => {
  let api: KantataTestApi;
  let sandbox: Sandbox;
  let other: Sandbox;

  const signedInAs = () => api.session.current?.userId;

  before(async () => {
    api = await activateExtension();
  });

  beforeEach(async () => {
    [sandbox, other] = await Promise.all([startSandbox(), startSandbox()]);
    await afterLoad(api, () => signInTo(api, sandbox));
  });

  afterEach(async () => {
    api.setUserEditPrompts(undefined);
    await signOutAndReset(api);
    await Promise.all([sandbox.close(), other.close()]);
  });

  it('the account is in VS Code authentication sessions, labelled with the name and the host, with its token', async () => {
    // What VS Code asks the provider for the Accounts menu and for other extensions' getSession (which needs
    // the user's consent, a dialog of the workbench: the workbench scenario covers that side).
    const [session, ...more] = await api.authentication.getSessions(undefined, {});
    assert.ok(session, 'no Kantata session');
    assert.equal(more.length, 0);
    assert.equal(session.account.label, `Alex Rivera (${new URL(sandbox.baseUrl).host})`);
    assert.equal(session.accessToken, sandbox.adminToken);
  });

  it('two accounts on one server: adding one switches to it, the tree reloads for it, Switch Account goes back', async () => {
    const adminCount = api.teammates.users?.length ?? 0;
    sandbox.clearRequests();
    // Another account on the same server (bug: the tree kept the first account's people).
    await afterLoad(api, () => signInTo(api, sandbox, sandbox.memberToken));
    assert.equal(signedInAs(), sandbox.memberUserId);
    assert.notEqual(api.teammates.users?.length, adminCount, 'the tree still lists what the administrator sees');
    assert.deepEqual(api.session.accounts.list().map((account) => account.userId).sort(), [sandbox.adminUserId, sandbox.memberUserId].sort());

    // Switch Account, through its picker: the administrator again.
    sandbox.clearRequests();
    const recording = recordWindow();
    try {
      const switched = vscode.commands.executeCommand('kantata.switchAccount');
      await waitFor(() => recording.createdQuickPicks.length > 0, 'the account picker');
      const picker = recording.createdQuickPicks[0] as vscode.QuickPick<vscode.QuickPickItem & { action?: { kind: string; account?: { userId: string } } }>;
      const admin = picker.items.find((item) => item.action?.account?.userId === sandbox.adminUserId);
      assert.ok(admin, `no item for the administrator in ${picker.items.map((item) => item.label).join(', ')}`);
      assert.ok(picker.items.some((item) => item.action?.kind === 'add'), 'no Add Account');
      picker.activeItems = [admin];
      await afterLoad(api, async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        assert.equal(await switched, true);
      });
    } finally {
      recording.restore();
    }
    assert.equal(signedInAs(), sandbox.adminUserId);
    assert.equal(api.teammates.users?.length, adminCount);
    assert.deepEqual(withToken(sandbox, sandbox.memberToken), [], 'requests with the other account\'s token after the switch');
    assert.ok(withToken(sandbox, sandbox.adminToken).length > 0);
  });

  it('profile panels of the old account close when the account changes', async () => {
    await vscode.commands.executeCommand('kantata.openProfile', { userId: '20003' });
    const panel = api.profiles.get('20003');
    assert.ok(panel);
    await waitFor(() => postedTo(panel).length > 0, 'the page to load', 15_000);
    await afterLoad(api, () => signInTo(api, sandbox, sandbox.memberToken));
    await waitFor(() => panel.isDisposed && api.profiles.get('20003') === undefined, 'the panel to close');
  });

  it('race 1: the base URL changes while a sign-in checks its token: the sign-in stops; the token goes nowhere else', async () => {
    await api.session.signOut();
    sandbox.clearRequests();
    sandbox.injectFault({ kind: 'hold', method: 'GET', path: '/users/me' });
    const recording = recordWindow();
    try {
      api.setTokenPrompt(new ScriptedTokenPrompt([sandbox.memberToken]));
      const signedIn = vscode.commands.executeCommand('kantata.signIn');
      await waitFor(() => sandbox.heldCount === 1, 'the token check to reach the first server');
      await setBaseUrl(api, other.baseUrl);
      sandbox.releaseHeld();
      assert.equal(await signedIn, false);
      assert.match(recording.messages.find((message) => message.severity === 'warning')?.message ?? '', /base URL changed to .* while the token for .* was being checked/);
    } finally {
      recording.restore();
      api.setTokenPrompt(undefined);
    }
    assert.equal(api.session.isSignedIn, false);
    assert.deepEqual(withToken(other, sandbox.memberToken), [], 'the token reached the other server');
    assert.equal(other.requests.length, 0);
    assert.ok(!api.session.accounts.list().some((account) => account.baseUrl === other.baseUrl), 'an account was stored for the other server');
  });

  it('race 2: the account changes while Update User is open: nothing is written, to either account', async () => {
    const prompts = new HeldValuePrompts({ fields: ['headline'] });
    api.setUserEditPrompts(prompts);
    const outcome = vscode.commands.executeCommand('kantata.updateUser', { userId: sandbox.memberUserId });
    await waitFor(() => prompts.isAsking, 'the value box');
    await afterLoad(api, () => signInTo(api, sandbox, sandbox.memberToken));
    prompts.type('Written after the switch');
    assert.equal(await outcome, 'failed');
    assert.match(prompts.errors.at(-1) ?? '', /account changed while you were editing .*nothing was sent/);
    assert.deepEqual(sandbox.requests.filter((request) => request.method !== 'GET'), [], 'a write was sent');
  });

  it('race 2: the base URL changes while Reset Profile Photo asks: nothing reaches the new server', async () => {
    let confirm: ((answer: boolean) => void) | undefined;
    const prompts = new (class extends ScriptedUserEditPrompts {
      override confirmPhotoReset(): Promise<boolean> {
        return new Promise((resolve) => (confirm = resolve));
      }
    })({});
    api.setUserEditPrompts(prompts);
    const outcome = vscode.commands.executeCommand('kantata.resetProfilePhoto', { userId: sandbox.adminUserId });
    await waitFor(() => confirm !== undefined, 'the confirmation');
    await setBaseUrl(api, other.baseUrl);
    confirm?.(true);
    assert.equal(await outcome, 'failed');
    assert.match(prompts.errors.at(-1) ?? '', /account changed/);
    assert.deepEqual(other.requests, []);
    assert.deepEqual(sandbox.requests.filter((request) => request.method !== 'GET'), []);
  });

  it('race 3: a 401 for a session no longer active is logged, with no sign-out and no notification', async () => {
    const old = api.session.current;
    assert.ok(old);
    await afterLoad(api, () => signInTo(api, sandbox, sandbox.memberToken));
    const recording = recordWindow();
    try {
      // A real 401 (made with a token the sandbox rejects), reported as the old session's.
      const rejected = await api.session.makeClient(sandbox.baseUrl, 'not-a-token').me().catch((error: unknown) => error);
      assert.equal((rejected as KantataError).kind, 'unauthorized');
      assert.equal(old.reportFailure(rejected), true);
      // A held request of the old session answered with 401 after the switch.
      sandbox.injectFault({ kind: 'hold', method: 'GET', path: '/users/20003', status: 401 });
      const late = old.client.getUser('20003').catch((error: unknown) => error);
      await late; // the switch already ended the old session: it never waits for the answer
      sandbox.releaseHeld();
      assert.equal(signedInAs(), sandbox.memberUserId, 'the current account was signed out');
      assert.equal(await api.session.accounts.token(api.session.current!.account), sandbox.memberToken, 'the current token was deleted');
      assert.deepEqual(recording.messages.filter((message) => /rejected/.test(message.message)), []);
    } finally {
      recording.restore();
    }
  });

  it('race 3: a profile request of the old account answered with 401 after a switch signs nobody out', async () => {
    sandbox.injectFault({ kind: 'hold', method: 'GET', path: '/users/20004', status: 401 });
    await vscode.commands.executeCommand('kantata.openProfile', { userId: '20004' });
    const panel = api.profiles.get('20004');
    assert.ok(panel);
    await waitFor(() => sandbox.heldCount === 1, 'the profile request to be held');
    // The page itself has loaded (code-server may never load the next webview after one torn down mid-load).
    await waitFor(() => postedTo(panel).length > 0, 'the page to load', 15_000);
    await afterLoad(api, () => signInTo(api, sandbox, sandbox.memberToken));
    sandbox.releaseHeld();
    const held = sandbox.requests.find((request) => request.path === '/api/v1/users/20004');
    await waitFor(() => held !== undefined && held.finishedAt > 0, 'the held request to end');
    // The panel either closed with its account, or (as before the fix) showed the 401 after handling it.
    await waitFor(() => panel.isDisposed || postedTo(panel).some((message) => message.type === 'profileError'), 'the panel to close or show the error', 15_000);
    assert.equal(signedInAs(), sandbox.memberUserId);
    assert.equal(await api.session.accounts.token(api.session.current!.account), sandbox.memberToken);
  });

  it('race 4: signing out aborts a request waiting out a 429 back-off; the old token is not sent again', async () => {
    const old = api.session.current;
    assert.ok(old);
    sandbox.clearRequests();
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 30, method: 'GET', path: '/users/20005' });
    const pending = old.client.getUser('20005').then(() => 'answered', (error: unknown) => error);
    await waitFor(() => sandbox.requests.some((request) => request.status === 429), 'the 429');
    await api.session.signOut();
    // Without the abort this would resolve after the 30-second back-off, with the old token sent again.
    assert.equal(((await pending) as KantataError).kind, 'cancelled');
    assert.equal(withToken(sandbox, sandbox.adminToken).filter((request) => request.endsWith('/users/20005')).length, 1);
  });

  it('race 4: switching the base URL aborts what the old server still had in flight', async () => {
    const old = api.session.current;
    assert.ok(old);
    sandbox.injectFault({ kind: 'hold', method: 'GET', path: '/users/20006' });
    const pending = old.client.getUser('20006').then(() => 'answered', (error: unknown) => error);
    await waitFor(() => sandbox.heldCount === 1, 'the request to be held');
    await setBaseUrl(api, other.baseUrl);
    assert.equal(((await pending) as KantataError).kind, 'cancelled');
    sandbox.releaseHeld();
    assert.deepEqual(other.requests, []);
  });
});
