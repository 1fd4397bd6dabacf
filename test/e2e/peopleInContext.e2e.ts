// People in context (issue 20) as a user sees it, in the real workbench (code-server + Chromium) with the
// packaged extension talking to the sandbox. The scenarios run in order on one workbench: link the workspace to
// a project from the palette → the project's people first in the tree, each with their week ahead → Find by
// Skill: a skill, a level, the people with their week ahead, Enter opens a profile.
import * as assert from 'node:assert/strict';
import { useWorkbenchSession } from './useWorkbenchSession';
import { generateDataset } from '../sandbox/data';
import { type GitAuthor, ScratchRepository } from '../support/scratchRepository';
import { WEEK_AHEAD_TEXT } from '../support/weekAheadText';
import { waitUntil } from './workbench';

/** A tree row's description: `(you) ` for the signed-in person, then the week ahead. */
const WEEK_AHEAD = new RegExp(String.raw`^(\(you\) )?(${WEEK_AHEAD_TEXT.source.replace(/\^|\$/g, '')})$`);

/** Who wrote the workspace's billing.ts: three people Kantata knows (one as a co-author), a no-reply address and a stranger. */
function writeBillingHistory(workspace: string): void {
  const dataset = generateDataset(); // the session's sandbox has the default data
  const person = (id: string): GitAuthor => {
    const user = dataset.users.find((candidate) => candidate.id === id);
    assert.ok(user?.email_address, `no sandbox user ${id}`);
    return { name: user.full_name, email: user.email_address };
  };
  const [alex, sam, jose] = [person('20001'), person('20002'), person('20003')];
  const repository = new ScratchRepository(workspace);
  repository.commit('src/billing.ts', sam, 'Invoice totals');
  repository.commit('src/billing.ts', jose, 'Round to cents');
  repository.commit('src/billing.ts', { name: 'Octo Cat', email: '583231+octocat@users.noreply.github.com' }, 'Typo');
  repository.commit('src/billing.ts', sam, `Tax per country\n\nCo-authored-by: ${alex.name} <${alex.email}>`);
  repository.commit('src/billing.ts', { name: 'Former Contractor', email: 'contractor@elsewhere.example' }, 'Currency table');
  repository.commit('src/billing.ts', jose, 'Credit notes');
}

describe('people in context in the workbench', () => {
  const ui = useWorkbenchSession({ settings: { 'git.enabled': true }, prepareWorkspace: writeBillingHistory });
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
    // Expanded by itself; its rows (those the view has room for) fill in their week ahead as the answers come.
    const people = await waitUntil(
      () => workbench.treeItemsAtLevel(2),
      (rows) => rows.length >= Math.min(count, 8) && rows.length <= count && rows.every((row) => WEEK_AHEAD.test(row.description)),
      'the project\u2019s people shown to show their week ahead',
    );
    assert.ok(people.length > 0);
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

  it('c. People in This File: open a file, and its authors Kantata knows show with their week ahead and commits', async () => {
    const { workbench } = ui;
    await workbench.openFile('billing.ts');
    await workbench.runCommand('Kantata: Who Worked on This File?');
    // Most recent change first: José (the last commit), then Alex and Sam (Sam's commit with Alex as co-author: the
    // same day, so by name); the no-reply address and the stranger apart.
    const rows = await waitUntil(
      () => workbench.treeItemsAtLevel(1, workbench.sidebarView('People in This File')),
      (found) => found.length === 4 && found.slice(0, 3).every((row) => / \u00b7 \d+ commits?, /.test(row.description)),
      'the people of billing.ts with their week ahead',
    );
    assert.deepEqual(rows.map((row) => row.label), ['José Müller', 'Alex Rivera', 'Sam Taylor', 'Not in Kantata']);
    assert.match(rows[0]?.description ?? '', / \u00b7 2 commits, /);
    assert.match(rows[1]?.description ?? '', /^\(you\) .* \u00b7 1 commit, /, 'Alex is the one signed in, with one commit as co-author');
    assert.equal(rows[3]?.description, '2', 'the no-reply address and the stranger');
    await workbench.screenshot('people-c-people-in-this-file', workbench.page.locator('.monaco-workbench'));
  });

  it('d. the three together in a wider sidebar: the project, the file\u2019s people, and who knows TypeScript', async () => {
    const { workbench } = ui;
    const { page } = workbench;
    // Drag the sidebar's edge (its sash) to the right, as a user would to read whole rows.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    assert.ok(sidebar);
    const edge = { x: sidebar.x + sidebar.width + 1, y: sidebar.y + sidebar.height / 2 };
    await page.mouse.move(edge.x, edge.y);
    await page.mouse.down();
    await page.mouse.move(edge.x + 200, edge.y, { steps: 10 });
    await page.mouse.up();
    await waitUntil(async () => (await page.locator('.part.sidebar').boundingBox())?.width ?? 0, (width) => width > sidebar.width + 150, 'the sidebar to widen');
    await workbench.runCommand('Kantata: Find by Skill\u2026');
    await workbench.quickInputBox().waitFor({ timeout: 15_000 });
    await workbench.typeIntoQuickInput('TypeScript');
    await workbench.quickPickRowByText('TypeScript').click();
    await workbench.quickPickRowByText('Level 4 or higher').click();
    const details = () => workbench.quickInput().locator('.quick-input-list .monaco-list-row .quick-input-list-label-meta').allInnerTexts();
    await waitUntil(details, (texts) => texts.length > 0 && texts.every((text) => WEEK_AHEAD_TEXT.test(text.trim())), 'the week ahead of everyone found');
    await workbench.screenshot('people-d-together', page.locator('.monaco-workbench'));
    await page.keyboard.press('Escape');
    await workbench.waitForQuickInputClosed();
  });
});
