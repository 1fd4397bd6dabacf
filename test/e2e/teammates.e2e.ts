// The Teammates tree as a user sees it (issue 5), in the real workbench (code-server + Chromium) with the
// packaged extension talking to the sandbox. The scenarios run in order on one workbench: sign in → groups by
// role → expand one → group by country → Find Teammate → the tree in the light and dark themes.
import * as assert from 'node:assert/strict';
import { useWorkbenchSession } from './useWorkbenchSession';

/** The order the tree promises: locale-aware, case- and accent-insensitive (as a user reads a list). */
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare;

describe('the Teammates tree in the workbench', () => {
  const ui = useWorkbenchSession();

  // From the sandbox's seeded data (test/sandbox/notableUsers.ts, names.ts): Siobhán O'Connor is a Project
  // Manager (the smallest role group, 12 people, so every row of it fits in the sidebar); José Müller lives
  // in Berlin, Germany.
  const SMALL_GROUP = 'Project Manager';
  const IN_SMALL_GROUP = "Siobhán O'Connor";
  const FOUND = 'José Müller';
  const FOUND_COUNTRY = 'Germany';

  it('a. after signing in, the tree groups teammates by role with counts, "No role" last', async () => {
    const { workbench, session } = ui;
    await workbench.openKantata();
    await workbench.signIn(session.sandbox.adminToken, 'Alex Rivera');
    await workbench.clearNotifications(); // the "Signed in as" toast would cover the tree and the panel
    await workbench.treeRow('No role').waitFor({ timeout: 15_000 });

    const groups = await workbench.treeItemsAtLevel(1);
    const labels = groups.map((group) => group.label);
    assert.equal(labels.at(-1), 'No role', `"No role" is not the last group: ${labels.join(', ')}`);
    assert.ok(labels.includes(SMALL_GROUP), `no "${SMALL_GROUP}" group: ${labels.join(', ')}`);
    assert.deepEqual(labels.slice(0, -1), [...labels.slice(0, -1)].sort(byName), 'the role groups are not in name order');
    for (const group of groups) {
      assert.match(group.description, /^[1-9]\d*$/, `group "${group.label}" has no count: "${group.description}"`);
    }
    // The counts add up to everyone the administrator can see (the sandbox's default GET /users count).
    const total = groups.reduce((sum, group) => sum + Number(group.description), 0);
    const response = await fetch(`${session.sandbox.baseUrl}/users?per_page=1`, { headers: { Authorization: `Bearer ${session.sandbox.adminToken}` } });
    const { count } = (await response.json()) as { count: number };
    assert.equal(total, count, `the group counts add up to ${total}, the sandbox lists ${count}`);
    await workbench.screenshot('teammates-a-groups-by-role', workbench.sidebar());
  });

  it('b. expanding a group (one click) shows its teammates in name order', async () => {
    const { workbench } = ui;
    const group = (await workbench.treeItemsAtLevel(1)).find((item) => item.label === SMALL_GROUP);
    assert.ok(group, `no "${SMALL_GROUP}" group`);
    await workbench.expandTreeRow(SMALL_GROUP);
    await workbench.treeRow(IN_SMALL_GROUP).waitFor({ timeout: 15_000 });
    const names = (await workbench.treeItemsAtLevel(2)).map((item) => item.label);
    assert.equal(names.length, Number(group.description), `the group says ${group.description}, it shows ${names.length}: ${names.join(', ')}`);
    assert.deepEqual(names, [...names].sort(byName), 'the teammates are not in name order');
    assert.ok(names.includes(IN_SMALL_GROUP), `"${IN_SMALL_GROUP}" is missing from ${SMALL_GROUP}`);
    await workbench.screenshot('teammates-b-group-expanded', workbench.sidebar());
  });

  it('c. Group By → Country in the view toolbar regroups the tree by country', async () => {
    const { workbench } = ui;
    await workbench.openViewTitleSubmenu('Group By');
    assert.deepEqual(await workbench.menuItemLabels(), ['✓ Role', 'Classification', 'Country', 'None']);
    await workbench.chooseMenuItem('Country');
    await workbench.treeRow(FOUND_COUNTRY).waitFor({ timeout: 15_000 });
    await workbench.treeRow(SMALL_GROUP).waitFor({ state: 'detached', timeout: 15_000 });

    const countries = await workbench.treeItemsAtLevel(1);
    const labels = countries.map((country) => country.label);
    assert.ok(labels.includes('United States'), `no "United States" group: ${labels.join(', ')}`);
    assert.deepEqual(labels, [...labels].sort(byName), 'the countries are not in name order');
    for (const country of countries) {
      assert.match(country.description, /^[1-9]\d*$/, `group "${country.label}" has no count: "${country.description}"`);
    }

    // The menu now ticks Country (its items follow the setting through a context key, which may lag a little).
    const deadline = Date.now() + 10_000;
    for (;;) {
      await workbench.openViewTitleSubmenu('Group By');
      const items = await workbench.menuItemLabels();
      await workbench.closeMenu();
      if (items.includes('✓ Country') && items.includes('Role')) {
        break;
      }
      assert.ok(Date.now() < deadline, `the Group By menu does not tick Country: ${items.join(', ')}`);
      await workbench.page.waitForTimeout(250);
    }
    await workbench.screenshot('teammates-c-groups-by-country', workbench.sidebar());
  });

  it('d. Find Teammate from the palette: a name, Enter → the row is selected and the profile opens', async () => {
    const { workbench } = ui;
    await workbench.runCommand('Kantata: Find Teammate…');
    await workbench.quickInputTitle().filter({ hasText: 'Kantata: Find Teammate' }).waitFor({ timeout: 15_000 });
    await workbench.typeIntoQuickInput(FOUND);
    // Enter takes the highlighted row: wait until the filter has put the teammate there.
    await workbench.focusedQuickPickRow().filter({ has: workbench.page.locator('.label-name').getByText(FOUND, { exact: true }) }).waitFor({ timeout: 15_000 });
    await workbench.pressEnter();
    await workbench.waitForQuickInputClosed();

    const row = workbench.treeRow(FOUND);
    await row.and(workbench.page.locator('[aria-selected="true"]')).waitFor({ timeout: 15_000 });
    assert.equal(await row.getAttribute('aria-level'), '2');
    assert.equal(await workbench.treeRow(FOUND_COUNTRY).getAttribute('aria-expanded'), 'true', `${FOUND_COUNTRY} was not expanded to show ${FOUND}`);
    const selected = await workbench.sidebar().locator('.monaco-list-row[aria-selected="true"]').count();
    assert.equal(selected, 1, `${selected} rows are selected`);

    await workbench.editorTab(FOUND).waitFor({ timeout: 15_000 });
    const profile = workbench.visibleWebview();
    await profile.locator('h1').filter({ hasText: FOUND }).waitFor({ timeout: 15_000 });
    await workbench.screenshot('teammates-d-found', workbench.page.locator('.monaco-workbench'));
  });

  it('e. the tree in the light and the dark theme', async () => {
    const { workbench } = ui;
    await workbench.chooseColorTheme('Default Light Modern');
    await workbench.treeRow(FOUND).waitFor({ timeout: 15_000 });
    await workbench.screenshot('teammates-e-tree-light', workbench.sidebar());
    await workbench.chooseColorTheme('Default Dark Modern');
    await workbench.treeRow(FOUND).waitFor({ timeout: 15_000 });
    await workbench.screenshot('teammates-e-tree-dark', workbench.sidebar());
  });
});
