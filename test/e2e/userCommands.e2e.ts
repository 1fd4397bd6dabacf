// The write commands as a user runs them (issue 7), in the real workbench (code-server + Chromium) with the
// packaged extension talking to the sandbox. The scenarios run in order on one workbench, with the signed-in
// user's own profile panel open throughout: Update User… (palette → teammate → field → value) → Update
// Profile Photo… through the open dialog → Reset Profile Photo with its modal confirmation. After each, the
// tree and the panel show the result without a reload, and the sandbox's request log holds exactly the
// requests (and bodies) the command should send: nothing more.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { encodePng, type Rgb } from '../sandbox/png';
import type { RecordedRequest } from '../sandbox/requestLog';
import type { Sandbox } from '../sandbox/server';
import { useWorkbenchSession } from './useWorkbenchSession';

const STEP_MS = 15_000;

/** What a request log entry is judged by: method, path and body (queries are the client's business). */
const summary = (requests: readonly RecordedRequest[]) => requests.map(({ method, path: where, body }) => ({ method, path: where, body }));

/** The sandbox's record of a user, asked with the admin token (not through the extension). */
async function sandboxUser(sandbox: Sandbox, id: string): Promise<{ headline: string; photo_path: string }> {
  const response = await fetch(`${sandbox.baseUrl}/users/${id}`, { headers: { Authorization: `Bearer ${sandbox.adminToken}` } });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { users: Record<string, { headline: string; photo_path: string }> };
  const user = body.users[id];
  assert.ok(user, `the sandbox has no user ${id}`);
  return user;
}

/** The natural size of the photo the panel shows, once it is `expected` (the panel repaints when the user changes). */
async function waitForPanelPhoto(view: FrameLocator, expected: { width: number; height: number }): Promise<void> {
  const photo = view.locator('img.photo');
  const deadline = Date.now() + STEP_MS;
  let seen = 'no photo';
  for (;;) {
    if ((await photo.count()) > 0) {
      const size = await photo.evaluate(async (element) => {
        const image = element as unknown as { decode(): Promise<void>; naturalWidth: number; naturalHeight: number };
        await image.decode().catch(() => undefined);
        return { width: image.naturalWidth, height: image.naturalHeight };
      });
      if (size.width === expected.width && size.height === expected.height) {
        return;
      }
      seen = `${size.width}×${size.height}`;
    }
    assert.ok(Date.now() < deadline, `the panel's photo is ${seen}, not ${expected.width}×${expected.height}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the user commands in the workbench', () => {
  const ui = useWorkbenchSession();

  // From the sandbox's seeded data (test/sandbox/notableUsers.ts): Alex Rivera, the admin token's user, an
  // Engagement Manager headed "Head of Delivery", with Kantata's default photo (64×64).
  const ME = 'Alex Rivera';
  const ME_ID = '20001';
  const MY_GROUP = 'Engagement Manager';
  const OLD_HEADLINE = 'Head of Delivery';
  // Characters that must survive JSON, the tree and the webview as they are.
  const NEW_HEADLINE = 'Delivery lead, EMEA & APAC — "<b>not bold</b>"';
  const DEFAULT_PHOTO = { width: 64, height: 64 };
  // A photo no seeded one looks like: 96×48, a magenta and teal split.
  const NEW_PHOTO = { width: 96, height: 48 };
  const magenta: Rgb = [200, 40, 160];
  const teal: Rgb = [20, 150, 140];

  /** The panel of the signed-in user: the visible webview once it shows their page. */
  async function myPanel(): Promise<FrameLocator> {
    const view = ui.workbench.visibleWebview();
    await view.locator(`body[data-user-id="${ME_ID}"]`).waitFor({ state: 'attached', timeout: STEP_MS });
    return view;
  }

  /** Waits until the signed-in user's tree row shows a photo of the expected size. */
  async function waitForMyTreePhoto(expected: { width: number; height: number }): Promise<void> {
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      const icon = await ui.workbench.treeRowIconSize(ME);
      if (icon?.width === expected.width && icon.height === expected.height) {
        return;
      }
      assert.ok(Date.now() < deadline, `the tree row's photo is ${icon ? `${icon.width}×${icon.height}` : 'an icon'}, not ${expected.width}×${expected.height}`);
      await ui.workbench.page.waitForTimeout(200);
    }
  }

  /** Runs a target-taking command from the palette and takes the first offer of its picker: the signed-in user. */
  async function runOnMe(title: string, pickerTitle: string): Promise<void> {
    const { workbench } = ui;
    // From the side bar: a picker opened from the palette while a profile has the focus can lose it to the
    // profile's webview (see Workbench.focusSideBar).
    await workbench.focusSideBar();
    await workbench.runCommand(title);
    await workbench.quickInputTitle().filter({ hasText: pickerTitle }).waitFor({ timeout: STEP_MS });
    const first = workbench.focusedQuickPickRow();
    await first.filter({ has: workbench.page.locator('.label-name').getByText(ME, { exact: true }) }).waitFor({ timeout: STEP_MS });
    assert.match((await first.locator('.label-description').innerText()).trim(), /^\(you\)/, 'the signed-in user is not offered first');
    await workbench.pressEnter();
  }

  it('a. Update User… from the palette changes your headline: one PUT with only that field; tree and panel follow', async () => {
    const { workbench, session } = ui;
    await workbench.openKantata();
    await workbench.signIn(session.sandbox.adminToken, ME);
    await workbench.clearNotifications();
    await workbench.expandTreeRow(MY_GROUP);
    const myRow = workbench.treeRow(ME);
    await myRow.waitFor({ timeout: STEP_MS });
    assert.equal((await myRow.locator('.label-description').innerText()).trim(), `(you) ${OLD_HEADLINE}`);
    await workbench.runCommand('Kantata: Show My Capacity');
    await workbench.editorTab(ME).waitFor({ timeout: STEP_MS });
    let view = await myPanel();
    assert.equal((await view.locator('p.headline').innerText({ timeout: STEP_MS })).trim(), OLD_HEADLINE);
    await workbench.waitForWebviewFocus(ME_ID); // the new panel takes the focus when it is ready: not during the picker below
    session.sandbox.clearRequests();

    await runOnMe('Kantata: Update User…', 'Kantata: Update User');
    // The fields with their current values; tick Headline only.
    await workbench.quickInputTitle().filter({ hasText: `Kantata: Update ${ME}` }).waitFor({ timeout: STEP_MS });
    const headlineRow = workbench.quickPickRow('Headline').first();
    await headlineRow.waitFor({ timeout: STEP_MS });
    assert.equal((await headlineRow.locator('.label-description').innerText()).trim(), OLD_HEADLINE);
    await workbench.checkQuickPickRow('Headline');
    await workbench.pressEnter();

    // The input box: prefilled, with the old value under it; an empty headline is allowed, a new one typed.
    await workbench.quickInputTitle().filter({ hasText: `Kantata: Update ${ME}: Headline` }).waitFor({ timeout: STEP_MS });
    assert.equal(await workbench.quickInputValue(), OLD_HEADLINE, 'the input box is not prefilled with the current headline');
    await workbench.waitForQuickInputMessage(`Was: ${OLD_HEADLINE}`);
    await workbench.typeIntoQuickInput(NEW_HEADLINE);
    await workbench.pressEnter();
    await workbench.waitForQuickInputClosed();
    await workbench.waitForNotification(`Updated ${ME}`);
    await workbench.waitForNotificationGone(`Updating ${ME}`);

    // The tree row and the open panel show it, without a reload of either.
    await myRow.locator('.label-description').filter({ hasText: NEW_HEADLINE }).waitFor({ timeout: STEP_MS });
    assert.equal((await myRow.locator('.label-description').innerText()).trim(), `(you) ${NEW_HEADLINE}`);
    view = await myPanel();
    await view.locator('p.headline').filter({ hasText: NEW_HEADLINE }).waitFor({ timeout: STEP_MS });
    assert.equal((await view.locator('p.headline').innerText()).trim(), NEW_HEADLINE);
    assert.equal(await view.locator('p.headline b').count(), 0, 'the headline was rendered as HTML');
    const sent = summary(session.sandbox.requests); // before asking the sandbox ourselves
    assert.equal((await sandboxUser(session.sandbox, ME_ID)).headline, NEW_HEADLINE);

    assert.deepEqual(sent, [{ method: 'PUT', path: `/api/v1/users/${ME_ID}`, body: { user: { headline: NEW_HEADLINE } } }]);
    await workbench.screenshot('commands-a-headline-updated', workbench.page.locator('.monaco-workbench'));
    await workbench.clearNotifications();
  });

  it('b. Update Profile Photo… through the open dialog uploads the file; the tree and the panel show it', async () => {
    const { workbench, session } = ui;
    const file = path.join(session.workspace, 'new-photo.png');
    const bytes = encodePng(NEW_PHOTO.width, NEW_PHOTO.height, (x) => (x < NEW_PHOTO.width / 2 ? magenta : teal));
    fs.writeFileSync(file, bytes);
    const before = await workbench.treeRowIconSize(ME);
    assert.deepEqual(before && { width: before.width, height: before.height }, DEFAULT_PHOTO, 'the tree does not show the default photo');
    session.sandbox.clearRequests();

    await runOnMe('Kantata: Update Profile Photo…', 'Kantata: Update Profile Photo');
    // In the web workbench the open dialog is VS Code's own: a quick input holding a path, with our title
    // and button. Type the file's path and accept it.
    await workbench.quickInputTitle().filter({ hasText: `Kantata: Update ${ME}'s Profile Photo` }).waitFor({ timeout: STEP_MS });
    await workbench.screenshot('commands-b-open-dialog', workbench.quickInput());
    await workbench.typeIntoQuickInput(file);
    await workbench.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'new-photo.png' }).first().waitFor({ timeout: STEP_MS });
    await workbench.pressEnter();
    await workbench.waitForQuickInputClosed();
    await workbench.waitForNotification(`Updated ${ME}'s profile photo`);
    await workbench.waitForNotificationGone(`Uploading ${ME}'s photo`); // the progress ends with the upload

    await waitForPanelPhoto(await myPanel(), NEW_PHOTO);
    await waitForMyTreePhoto(NEW_PHOTO);
    const sent = summary(session.sandbox.requests);
    assert.match((await sandboxUser(session.sandbox, ME_ID)).photo_path, new RegExp(`/photos/${ME_ID}/\\d+\\.png$`));

    // One multipart POST carrying the file under Kantata's field name, with its name, type and size.
    assert.deepEqual(sent, [
      {
        method: 'POST',
        path: `/api/v1/users/${ME_ID}/profile_photo`,
        body: { fields: {}, files: [{ field: 'user[profile_photo_attachment_file]', filename: 'new-photo.png', contentType: 'image/png', size: bytes.length }] },
      },
    ]);
    await workbench.screenshot('commands-b-photo-uploaded', workbench.page.locator('.monaco-workbench'));
    await workbench.clearNotifications();
  });

  it('c. Reset Profile Photo asks in a modal dialog naming you, then the default photo shows everywhere', async () => {
    const { workbench, session } = ui;
    session.sandbox.clearRequests();
    await runOnMe('Kantata: Reset Profile Photo', 'Kantata: Reset Profile Photo');

    const dialog = workbench.modalDialog();
    await dialog.waitFor({ timeout: STEP_MS });
    assert.match(await dialog.innerText(), new RegExp(`Reset ${ME}'s profile photo\\?`));
    await workbench.screenshot('commands-c-reset-confirmation', dialog);
    assert.equal(session.sandbox.requests.length, 0, 'a request went out before the confirmation');
    await workbench.chooseDialogButton('Reset Photo');
    await workbench.waitForNotification(`Reset ${ME}'s profile photo`);
    await workbench.waitForNotificationGone(`Resetting ${ME}'s photo`);

    await waitForPanelPhoto(await myPanel(), DEFAULT_PHOTO);
    await waitForMyTreePhoto(DEFAULT_PHOTO);
    const sent = summary(session.sandbox.requests);
    assert.match((await sandboxUser(session.sandbox, ME_ID)).photo_path, /\/photos\/default\.png$/);

    // The DELETE (204, no body), then the user asked for again to learn the default photo's address.
    assert.deepEqual(sent, [
      { method: 'DELETE', path: `/api/v1/users/${ME_ID}/profile_photo`, body: undefined },
      { method: 'GET', path: `/api/v1/users/${ME_ID}`, body: undefined },
    ]);
    await workbench.screenshot('commands-c-photo-reset', workbench.page.locator('.monaco-workbench'));
  });
});
