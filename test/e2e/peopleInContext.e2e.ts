// People in context (issue 20) as a user sees it, in the real workbench (code-server + Chromium) with the
// packaged extension talking to the sandbox. The scenarios run in order on one workbench: link the workspace to
// a project from the palette → the project's people first in the tree, each with their week ahead → Find by
// Skill: a skill, a level, the people with their week ahead, Enter opens a profile.
import * as assert from 'node:assert/strict';
import { useWorkbenchSession } from './useWorkbenchSession';
import { WEEK_AHEAD_TEXT } from '../support/weekAheadText';
import { waitUntil } from './workbench';

/** A tree row's description: `(you) ` for the signed-in person, then the week ahead. */
const WEEK_AHEAD = new RegExp(String.raw`^(\(you\) )?(${WEEK_AHEAD_TEXT.source.replace(/\^|\$/g, '')})$`);

describe('people in context in the workbench', () => {
  const ui = useWorkbenchSession();
  const PROJECT = '5';

  it('a. Link Workspace to Project from the palette: the project\u2019s people come first, each with their week ahead', async () => {
    const { workbench, session } = ui;
    await workbench.openKantata();
    await workbench.signIn(session.sandbox.adminToken, 'Alex Rivera');
    await workbench.clearNotifications();
    await workbench.treeRow('No role').waitFor({ timeout: 15_000 });

    await workbench.runCommand('Kantata: Link Workspace to Project…');
    await workbench.quickInputBox().waitFor({ timeout: 15_000 });
    await workbench.typeIntoQuickInput(`https://acme.kantata.com/workspaces/${PROJECT}`);
    await workbench.pressEnter();
    await workbench.waitForQuickInputClosed();

    const group = `This project (#${PROJECT})`;
    await workbench.treeRow(group).waitFor({ timeout: 15_000 });
    // The group shows its count once its people are in.
    const [first] = await waitUntil(() => workbench.treeItemsAtLevel(1), ([top]) => /^\d+$/.test(top?.description ?? ''), 'the project group to count its people');
    assert.equal(first?.label, group, 'the project group is the first row');
    const count = Number(first?.description);
    assert.ok(count > 0);
    // Expanded by itself; its rows fill in their week ahead as the answers come.
    const people = await waitUntil(
      async () => (await workbench.treeItemsAtLevel(2)).slice(0, count),
      (rows) => rows.length === count && rows.every((row) => WEEK_AHEAD.test(row.description)),
      'every person of the project to show their week ahead',
    );
    assert.equal(people.length, count);
    await workbench.screenshot('people-a-this-project', workbench.sidebar());
  });

  it('b. Find by Skill: TypeScript, level 4 or higher, the people with their week ahead; Enter opens a profile', async () => {
    const { workbench } = ui;
    await workbench.runCommand('Kantata: Find by Skill\u2026');
    await workbench.quickInputTitle().filter({ hasText: 'Kantata: Find by Skill' }).waitFor({ timeout: 15_000 });
    await workbench.quickInputBox().waitFor({ timeout: 15_000 });
    await workbench.typeIntoQuickInput('TypeScript');
    const skill = workbench.quickPickRowByText('TypeScript');
    await skill.waitFor({ timeout: 15_000 });
    await skill.click();
    await workbench.quickInputTitle().filter({ hasText: 'Kantata: Find by Skill: TypeScript' }).waitFor({ timeout: 15_000 });
    const level = workbench.quickPickRowByText('Level 4 or higher');
    await level.waitFor({ timeout: 15_000 });
    await level.click();
    const title = workbench.quickInputTitle().filter({ hasText: /^TypeScript \(level \u2265 4\): \d+ (person|people)$/ });
    await title.waitFor({ timeout: 15_000 });
    // Each person's week ahead fills in under their name.
    const details = () => workbench.quickInput().locator('.quick-input-list .monaco-list-row .quick-input-list-label-meta').allInnerTexts();
    const weeks = await waitUntil(details, (texts) => texts.length > 0 && texts.every((text) => WEEK_AHEAD_TEXT.test(text.trim())), 'the week ahead of everyone found');
    assert.ok(weeks.length > 0);
    await workbench.screenshot('people-b-find-by-skill', workbench.page.locator('.monaco-workbench'));
    const first = await workbench.focusedQuickPickRow().locator('.label-name').first().innerText();
    await workbench.pressEnter();
    await workbench.waitForQuickInputClosed();
    await workbench.editorTab(first.trim()).waitFor({ timeout: 15_000 });
    await workbench.visibleWebview().locator('h1').filter({ hasText: first.trim() }).waitFor({ timeout: 15_000 });
  });
});
