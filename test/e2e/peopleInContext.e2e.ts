// People in context (issue 20) as a user sees it, in the real workbench (code-server + Chromium) with the
// packaged extension talking to the sandbox. The scenarios run in order on one workbench: link the workspace to
// a project from the palette → the project's people first in the tree, each with their week ahead.
import * as assert from 'node:assert/strict';
import { useWorkbenchSession } from './useWorkbenchSession';
import { waitUntil } from './workbench';

/** What a row of someone's week ahead says (src/capacity/weekAhead.ts). */
const WEEK_AHEAD = /^(\(you\) )?(Available \d+(\.\d+)?( of \d+(\.\d+)?)? h (this|next) week|Away (this|next) week|No hours (this|next) week)$/;

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
    const [first] = await workbench.treeItemsAtLevel(1);
    assert.equal(first?.label, group, 'the project group is the first row');
    const count = Number(first?.description);
    assert.ok(count > 0, `the group has no count: "${first?.description}"`);
    // Expanded by itself; its rows fill in their week ahead as the answers come.
    const people = await waitUntil(
      async () => (await workbench.treeItemsAtLevel(2)).slice(0, count),
      (rows) => rows.length === count && rows.every((row) => WEEK_AHEAD.test(row.description)),
      'every person of the project to show their week ahead',
    );
    assert.equal(people.length, count);
    await workbench.screenshot('people-a-this-project', workbench.sidebar());
  });
});
