// The getting-started walkthrough (issue 21) as a user sees it, in the real workbench (code-server + Chromium)
// with the packaged extension and the sandbox: Welcome: Open Walkthrough… → ours, its four steps → its Sign In
// button signs in and the step is ticked by the real event (the kantata.signedIn context key) → Show My
// Capacity ticks the capacity step.
import * as assert from 'node:assert/strict';
import { useWorkbenchSession } from './useWorkbenchSession';

const TITLE = 'Kantata Teammates';
const STEPS = ['Sign in to Kantata OX', 'Browse your team', 'Open your capacity', 'See team availability'];

describe('the getting-started walkthrough in the workbench', () => {
  const ui = useWorkbenchSession();

  /** The step buttons of the open walkthrough, by title. */
  const step = (title: string) => ui.workbench.page.locator('.getting-started-step').filter({ has: ui.workbench.page.locator('.step-title', { hasText: title }) });
  /** The step's checkbox once VS Code counts it done. */
  const tick = (title: string) => step(title).locator('.codicon.complete');
  const isDone = async (title: string) => (await tick(title).count()) > 0;

  it('a. Welcome: Open Walkthrough… lists it; it shows its four steps, none done', async () => {
    const { workbench } = ui;
    await workbench.runCommand('Welcome: Open Walkthrough...');
    const row = workbench.quickPickRowByText(TITLE);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    // The selected step's page (Markdown, in a webview) beside the steps.
    await workbench.visibleWebview().locator('h1', { hasText: 'Sign in to Kantata OX' }).waitFor({ timeout: 15_000 });
    await workbench.page.locator('.gettingStartedSlideDetails h2', { hasText: TITLE }).waitFor({ timeout: 15_000 });
    for (const title of STEPS) {
      await step(title).waitFor({ timeout: 15_000 });
      assert.equal(await isDone(title), false, `"${title}" is done before anything happened`);
    }
    await workbench.screenshot('walkthrough-a-steps', workbench.page.locator('.part.editor'));
  });

  it('b. its Sign In button signs in, and the step is ticked by the signed-in state', async () => {
    const { workbench, session } = ui;
    await step(STEPS[0] as string).click();
    await step(STEPS[0] as string).locator('a.button-link, .button-container a', { hasText: 'Sign In' }).click();
    await workbench.enterToken(session.sandbox.adminToken, 'Alex Rivera');
    await workbench.clearNotifications();
    await tick(STEPS[0] as string).waitFor({ timeout: 15_000 });
    assert.equal(await isDone(STEPS[2] as string), false);
  });

  it('c. Show My Capacity ticks the capacity step; the walkthrough after two steps', async () => {
    const { workbench } = ui;
    await workbench.runCommand('Kantata: Show My Capacity');
    await workbench.editorTab('Alex Rivera').waitFor({ timeout: 15_000 });
    await workbench.editorTab('Walkthrough: Kantata Teammates').click();
    await tick(STEPS[2] as string).waitFor({ timeout: 15_000 });
    await step(STEPS[3] as string).click();
    await workbench.visibleWebview().locator('h1', { hasText: 'See who is free' }).waitFor({ timeout: 15_000 });
    await workbench.screenshot('walkthrough-c-progress', workbench.page.locator('.part.editor'));
  });
});
