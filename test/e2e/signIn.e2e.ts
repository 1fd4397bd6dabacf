// Sign-in as a user sees it, in the real workbench (code-server + Chromium) with the packaged extension
// talking to the sandbox. The scenarios run in order on one workbench: welcome → sign in → sign out.
import * as assert from 'node:assert/strict';
import { useWorkbenchSession } from './useWorkbenchSession';

describe('sign-in in the workbench', () => {
  const ui = useWorkbenchSession();
  const ACCOUNT_ITEM = 'kantata.account';

  it('a. the Kantata container invites you to sign in', async () => {
    const { workbench } = ui;
    await workbench.openKantata();
    const welcome = workbench.welcomeContent();
    await welcome.waitFor({ timeout: 15_000 });
    assert.match(await welcome.innerText(), /^Sign in to Kantata OX to browse your teammates/);
    await workbench.welcomeButton('Sign In').waitFor({ timeout: 5_000 });
    await workbench.screenshot('a-welcome', workbench.sidebar());
  });

  it('b. a rejected token keeps the box open with the text typed; the right one signs you in', async () => {
    const { workbench, session } = ui;
    const wrongToken = 'not-a-kantata-token-123';
    await workbench.runCommand('Kantata: Sign In');
    await workbench.quickInputTitle().filter({ hasText: 'Kantata: Sign In' }).waitFor({ timeout: 15_000 });
    assert.equal(await workbench.quickInputBox().getAttribute('type'), 'password', 'the token box must hide what is typed');

    await workbench.typeIntoQuickInput(wrongToken);
    await workbench.pressEnter();
    const message = await workbench.waitForQuickInputMessage('Kantata rejected this token');
    assert.match(message, /^Kantata rejected this token/);
    assert.ok(await workbench.quickInput().isVisible(), 'the input box closed after a rejected token');
    assert.equal(await workbench.quickInputValue(), wrongToken, 'the typed token is no longer in the box');
    await workbench.screenshot('b-rejected-token', workbench.quickInput());

    await workbench.typeIntoQuickInput(session.sandbox.adminToken);
    await workbench.pressEnter();
    const toast = await workbench.waitForNotification('Signed in as Alex Rivera');
    await workbench.waitForQuickInputClosed();
    await workbench.screenshot('b-signed-in-notification', toast);
    const account = workbench.statusBarItem(ACCOUNT_ITEM);
    await account.filter({ hasText: 'Alex Rivera' }).waitFor({ timeout: 15_000 });
    assert.equal(await account.locator('.codicon-account').count(), 1, 'the account item has no $(account) icon');
    assert.ok((await workbench.statusBarTexts()).includes('Alex Rivera'), 'the status bar does not show "Alex Rivera"');
    await workbench.screenshot('b-status-bar', workbench.page.locator('.part.statusbar'));
  });

  it('c. Sign Out brings the welcome content back and removes the status-bar item', async () => {
    const { workbench } = ui;
    await workbench.runCommand('Kantata: Sign Out');
    await workbench.waitForNotification('Signed out of Kantata.');
    await workbench.welcomeContent().filter({ hasText: /^Sign in to Kantata OX to browse your teammates/ }).waitFor({ timeout: 15_000 });
    await workbench.statusBarItem(ACCOUNT_ITEM).waitFor({ state: 'detached', timeout: 15_000 });
    assert.ok(!(await workbench.statusBarTexts()).includes('Alex Rivera'), 'the status bar still shows "Alex Rivera"');
    await workbench.screenshot('c-signed-out', workbench.sidebar());
  });
});
