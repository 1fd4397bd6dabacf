// Several Kantata accounts in the real workbench (issue 16): VS Code's Accounts menu lists the extension's
// authentication provider's accounts; Switch Account (the status-bar item) adds one and switches between them,
// and the tree, the status bar and the requests follow the active account; Sign Out in the Accounts menu signs
// the window out. The scenarios run in order on one workbench: Alex Rivera (administrator) → Sam Taylor
// (member) added → back to Alex → Alex signed out from the Accounts menu.
import * as assert from 'node:assert/strict';
import { useWorkbenchSession } from './useWorkbenchSession';
import { waitUntil } from './workbench';

const ADMIN = 'Alex Rivera';
const MEMBER = 'Sam Taylor';
const STEP_MS = 15_000;

describe('several accounts in the workbench', () => {
  const ui = useWorkbenchSession();
  /** 127.0.0.1:PORT: how an account's label names its server. */
  let host = '';
  /** How many people each account may see: the sandbox's count of GET /users with its token. */
  const people = { admin: 0, member: 0 };

  /** An account's entry in VS Code's Accounts menu: "<session account label> (<provider label>)". */
  const accountsMenuEntry = (name: string): string => `${name} (${host}) (Kantata)`;
  const kantataEntries = (labels: string[]): string[] => labels.filter((label) => label.endsWith('(Kantata)'));

  /** The API requests the sandbox has logged that carry `token`. */
  const sentWith = (token: string) => ui.session.sandbox.requests.filter((request) => (request.headers.authorization ?? '').includes(token));
  const describeRequests = () => ui.session.sandbox.requests.map((request) => `${request.method} ${request.path} (${request.headers.authorization === `Bearer ${ui.session.sandbox.adminToken}` ? 'admin' : 'member'}, ${request.status})`);

  /** The sum of the role groups' counts in the tree (every group row fits in the sidebar). */
  async function treeTotal(): Promise<number> {
    const groups = await ui.workbench.treeItemsAtLevel(1);
    return groups.reduce((sum, group) => sum + (Number(group.description) || 0), 0);
  }

  /** Waits until the tree counts `expected` people and the sandbox has answered every request it got. */
  async function waitForSettled(expected: number, who: string): Promise<void> {
    await waitUntil(treeTotal, (total) => total === expected, `the tree to count the ${expected} people ${who} sees`);
    await waitUntil(
      () => ui.session.sandbox.requests.filter((request) => request.finishedAt === 0).length,
      (open) => open === 0,
      'the requests under way to be answered',
    );
  }

  async function sandboxCount(token: string): Promise<number> {
    const response = await fetch(`${ui.session.sandbox.baseUrl}/users?per_page=1`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    return ((await response.json()) as { count: number }).count;
  }

  it('1. signed in as Alex Rivera, the Accounts menu lists "Alex Rivera (127.0.0.1:…)" with a Sign Out', async () => {
    const { workbench, session } = ui;
    host = new URL(session.sandbox.baseUrl).host;
    people.admin = await sandboxCount(session.sandbox.adminToken);
    people.member = await sandboxCount(session.sandbox.memberToken);
    assert.ok(people.member > 0 && people.member < people.admin, `the member sees ${people.member}, the administrator ${people.admin}`);

    await workbench.openKantata();
    await workbench.signIn(session.sandbox.adminToken, ADMIN);
    await workbench.clearNotifications();
    await waitForSettled(people.admin, ADMIN);

    const labels = await workbench.openAccountsMenu((shown) => shown.includes(accountsMenuEntry(ADMIN)));
    assert.deepEqual(kantataEntries(labels), [accountsMenuEntry(ADMIN)], `the Accounts menu shows: ${labels.join(' | ')}`);
    assert.deepEqual(await workbench.openSubmenu(accountsMenuEntry(ADMIN)), ['Manage Trusted Extensions', 'Sign Out']);
    await workbench.screenshot('accounts-1-accounts-menu', workbench.page.locator('.monaco-workbench'));
    await workbench.closeMenu();
  });

  it('2. Add Account… from the status-bar item signs Sam Taylor in: the tree reloads with his people, no request carries Alex’s token', async () => {
    const { workbench, session } = ui;
    // Alex's own profile panel is open: the switch closes it.
    await workbench.runCommand('Kantata: Show My Capacity');
    await workbench.editorTab(ADMIN).waitFor({ timeout: STEP_MS });
    await workbench.visibleWebview().locator('h1').filter({ hasText: ADMIN }).waitFor({ timeout: STEP_MS });
    await waitForSettled(people.admin, ADMIN);
    session.sandbox.clearRequests();

    await workbench.openAccountPicker();
    assert.equal(await workbench.quickPickRowIcon(ADMIN), 'check', `${ADMIN} is not ticked as the active account`);
    await workbench.quickPickRowByText('Add Account…').click({ timeout: STEP_MS });
    await workbench.enterToken(session.sandbox.memberToken, MEMBER);
    assert.ok(!(await workbench.statusBarTexts()).includes(ADMIN), `the status bar still shows ${ADMIN}`);
    await workbench.editorTab(ADMIN).waitFor({ state: 'detached', timeout: STEP_MS });
    await waitForSettled(people.member, MEMBER);
    await workbench.clearNotifications();
    await workbench.clickEmptyEditorArea(); // takes the focus (and its hover) off the status-bar item
    await workbench.screenshot('accounts-2-member-tree', workbench.page.locator('.monaco-workbench'));
    assert.ok(sentWith(session.sandbox.memberToken).length > 0, 'no request with the member token after the switch');
    assert.deepEqual(sentWith(session.sandbox.adminToken), [], `requests with the administrator's token after the switch: ${describeRequests().join(', ')}`);

    // Once settled, a refresh asks with the member's token only.
    session.sandbox.clearRequests();
    await workbench.clickViewTitleAction('Refresh Teammates');
    await waitUntil(
      () => sentWith(session.sandbox.memberToken).filter((request) => /\/users(\.json)?$/.test(request.path) && request.finishedAt > 0).length,
      (answered) => answered > 0,
      'the refresh to ask for the users',
    );
    await waitForSettled(people.member, MEMBER);
    assert.deepEqual(sentWith(session.sandbox.adminToken), [], `requests with the administrator's token after the refresh: ${describeRequests().join(', ')}`);

    await workbench.openAccountPicker();
    assert.equal(await workbench.quickPickRowIcon(MEMBER), 'check', `${MEMBER} is not ticked as the active account`);
    assert.equal(await workbench.quickPickRowIcon(ADMIN), 'account', `${ADMIN} is still ticked`);
    assert.equal((await workbench.quickPickRowByText(ADMIN).locator('.label-description').innerText()).trim(), host);
    await workbench.screenshot('accounts-2-picker-two-accounts', workbench.quickInput());
    await workbench.page.keyboard.press('Escape');
    await workbench.waitForQuickInputClosed();
    await workbench.clickEmptyEditorArea(); // takes the focus (and its hover) off the status-bar item

    const labels = await workbench.openAccountsMenu((shown) => kantataEntries(shown).length === 2);
    assert.deepEqual(kantataEntries(labels).sort(), [accountsMenuEntry(ADMIN), accountsMenuEntry(MEMBER)].sort(), `the Accounts menu shows: ${labels.join(' | ')}`);
    await workbench.closeMenu();
  });

  it('3. switching back to Alex Rivera with the keyboard: status bar and tree follow, no request carries Sam’s token', async () => {
    const { workbench, session } = ui;
    session.sandbox.clearRequests();
    await workbench.openAccountPicker();
    await workbench.typeIntoQuickInput(ADMIN);
    // Enter takes the highlighted row: wait until the filter has put Alex there.
    await workbench.focusedQuickPickRow().filter({ has: workbench.page.locator('.label-name').getByText(ADMIN, { exact: true }) }).waitFor({ timeout: STEP_MS });
    await workbench.pressEnter();
    await workbench.waitForQuickInputClosed();

    await workbench.statusBarItem('kantata.account').filter({ hasText: ADMIN }).waitFor({ timeout: STEP_MS });
    assert.ok(!(await workbench.statusBarTexts()).includes(MEMBER), `the status bar still shows ${MEMBER}`);
    await waitForSettled(people.admin, ADMIN);
    assert.ok(sentWith(session.sandbox.adminToken).length > 0, 'no request with the administrator token after the switch');
    assert.deepEqual(sentWith(session.sandbox.memberToken), [], `requests with the member's token after the switch: ${describeRequests().join(', ')}`);
    await workbench.clickEmptyEditorArea(); // takes the focus (and its hover) off the status-bar item
    await workbench.screenshot('accounts-3-switched-back', workbench.page.locator('.monaco-workbench'));
  });

  it('4. Sign Out of Alex Rivera in the Accounts menu signs the window out and drops him from the menu', async () => {
    const { workbench } = ui;
    await workbench.clearNotifications();
    await workbench.openAccountsMenu((shown) => shown.includes(accountsMenuEntry(ADMIN)));
    await workbench.openSubmenu(accountsMenuEntry(ADMIN));
    await workbench.chooseMenuItem('Sign Out');
    // VS Code asks first.
    const dialog = workbench.modalDialog();
    await dialog.waitFor({ timeout: STEP_MS });
    assert.match(await dialog.innerText(), new RegExp(`Sign out of '${ADMIN} \\(${host.replace(/\./g, '\\.')}\\)'\\?`));
    await workbench.screenshot('accounts-4-sign-out-confirmation', dialog);
    await workbench.chooseDialogButton('Sign Out');
    await workbench.waitForNotification('Successfully signed out.'); // VS Code's, once the provider's removeSession resolved

    await workbench.statusBarItem('kantata.account').waitFor({ state: 'detached', timeout: STEP_MS });
    await workbench.welcomeContent().filter({ hasText: /^Sign in to Kantata OX to browse your teammates/ }).waitFor({ timeout: STEP_MS });
    assert.ok(!(await workbench.statusBarTexts()).some((text) => text.includes(ADMIN)), `the status bar still shows ${ADMIN}`);

    // The provider no longer lists Alex; Sam's account stays stored (not signed in in this window).
    const labels = await workbench.openAccountsMenu((shown) => !shown.includes(accountsMenuEntry(ADMIN)));
    assert.deepEqual(kantataEntries(labels), [accountsMenuEntry(MEMBER)], `the Accounts menu shows: ${labels.join(' | ')}`);
    await workbench.screenshot('accounts-4-signed-out', workbench.page.locator('.monaco-workbench'));
    await workbench.closeMenu();

    await workbench.runCommand('Kantata: Switch Account…');
    await workbench.quickInputTitle().filter({ hasText: 'Kantata: Switch Account' }).waitFor({ timeout: STEP_MS });
    await workbench.quickPickRowByText(MEMBER).waitFor({ timeout: STEP_MS });
    assert.equal(await workbench.quickPickRowByText(ADMIN).count(), 0, `the Switch Account picker still lists ${ADMIN}`);
    assert.equal(await workbench.quickPickRowIcon(MEMBER), 'account', `${MEMBER} is ticked as active in a signed-out window`);
    await workbench.page.keyboard.press('Escape');
    await workbench.waitForQuickInputClosed();
  });
});
