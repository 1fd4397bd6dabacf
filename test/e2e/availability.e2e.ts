// Team Availability (issue 19) as a user sees it, in the real workbench (code-server + Chromium) with the
// packaged extension talking to the sandbox; the checks read inside the webview (two iframes deep). The
// scenarios run in order on one workbench: a role group's grid from the tree's context menu, checked against
// the sandbox → a cell's days in its popover, by keyboard and by mouse → sort, filter and Copy as Markdown →
// the grid in the light, dark and high-contrast themes → a person's name opens their profile.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { exportedWeekName, weekColumns } from '../../src/availability/gridData';
import type { WeekColumn } from '../../src/availability/protocol';
import { dateText } from '../../src/availability/view/gridModel';
import { availabilityRange } from '../../src/capacity/availability';
import type { DateRange } from '../../src/capacity/capacityRange';
import { addDays, weekdayOf } from '../../src/kantata/isoDate';
import type { Sandbox } from '../sandbox/server';
import { useWorkbenchSession } from './useWorkbenchSession';
import { waitUntil } from './workbench';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const round2 = (hours: number): number => Math.round(hours * 100) / 100 + 0;

/** "20 h" → 20; "20 h of 28 h" → 20 (the hours free; the usual week follows "of"). */
function parseHours(text: string): number {
  const hours = /^(?<hours>\d+(\.\d+)?) h( of \d+(\.\d+)? h)?$/.exec(text.trim())?.groups?.hours;
  assert.ok(hours !== undefined, `not an amount of hours: "${text}"`);
  return Number(hours);
}

/** The days of each ISO week of `range`, Monday to Sunday, cut at its ends: the grid's columns. */
function weekDates(range: DateRange): string[][] {
  const weeks: string[][] = [];
  for (let date = range.start; date <= range.end; date = addDays(date, 1)) {
    if (weeks.length === 0 || weekdayOf(date) === 0) {
      weeks.push([]);
    }
    weeks[weeks.length - 1]?.push(date);
  }
  return weeks;
}

/** What the sandbox says `userId` can work on each day from `start` to `end`, asked with the admin token. */
async function sandboxDays(sandbox: Sandbox, userId: string, start: string, end: string): Promise<Record<string, number>> {
  const url = `${sandbox.baseUrl}/users/${userId}/capacity?start_date=${start}&end_date=${end}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${sandbox.adminToken}` } });
  assert.equal(response.status, 200, `GET ${url}`);
  return ((await response.json()) as { hours: Record<string, number> }).hours;
}

async function sandboxHours(sandbox: Sandbox, userId: string, start: string, end: string): Promise<number> {
  return round2(Object.values(await sandboxDays(sandbox, userId, start, end)).reduce((sum, hours) => sum + hours, 0));
}

/** The capacity requests in the sandbox's log from `from` on: whose, and for which range. */
function capacityRequests(sandbox: Sandbox, from: number): { userId: string; start?: string; end?: string }[] {
  return sandbox.requests.slice(from).flatMap((request) => {
    const userId = /\/users\/(?<id>[^/]+)\/capacity(\.json)?$/.exec(request.path)?.groups?.id;
    return userId ? [{ userId, start: request.query.start_date, end: request.query.end_date }] : [];
  });
}

interface ShownRow {
  readonly id: string;
  readonly name: string;
  readonly hidden: boolean;
  /** Each week's text ("20 h of 28 h"), or "" while it loads. */
  readonly cells: string[];
  readonly statuses: string[];
}

interface ShownGrid {
  /** In the page's order, hidden rows (filtered out) included. */
  readonly rows: ShownRow[];
  readonly totals: string[];
}

/** Every row of the grid as the page shows it, and the totals row, in one read. */
async function readGrid(view: FrameLocator): Promise<ShownGrid> {
  const table = view.getByTestId('availability-table');
  await table.waitFor({ timeout: 15_000 });
  // Attributes rather than DOM properties: this file is compiled without DOM types.
  return table.evaluate((element) => {
    const rows = [...element.querySelectorAll('tbody tr')].map((row) => {
      const cells = [...row.querySelectorAll('td[data-week]')];
      return {
        id: row.getAttribute('data-user-id') ?? '',
        name: row.querySelector('button.name')?.textContent?.trim() ?? '',
        hidden: row.hasAttribute('hidden'),
        cells: cells.map((cell) => cell.querySelector('.value')?.textContent?.trim() ?? ''),
        statuses: cells.map((cell) => cell.getAttribute('data-status') ?? ''),
      };
    });
    const totals = [...element.querySelectorAll('tfoot [data-testid^="total-"]')].map((cell) => cell.textContent?.trim() ?? '');
    return { rows, totals };
  });
}

const shownRows = (grid: ShownGrid): ShownRow[] => grid.rows.filter((row) => !row.hidden);

/** The sum of a week's cells over the rows shown, as the totals row should have it. */
function columnSum(grid: ShownGrid, week: number): number {
  return round2(shownRows(grid).reduce((sum, row) => sum + parseHours(row.cells[week] ?? ''), 0));
}

/** Every shown cell loaded and every total equal to its column's sum (the totals follow a frame later). */
function totalsAddUp(grid: ShownGrid): boolean {
  const loaded = shownRows(grid).every((row) => row.cells.every((text) => text !== ''));
  return loaded && grid.totals.every((text, week) => /^\d/.test(text) && parseHours(text) === columnSum(grid, week));
}

/** Waits until the page shows a loaded grid whose totals add up, and returns it. */
async function settledGrid(view: FrameLocator, what: string): Promise<ShownGrid> {
  return waitUntil(() => readGrid(view), totalsAddUp, what);
}

/** The rows' ids in the order the page shows them (hidden ones left out). */
const shownIds = (grid: ShownGrid): string[] => shownRows(grid).map((row) => row.id);

/** Stable sort by a week's hours, most first: ties keep the order they had (names). */
function byHours(rows: readonly ShownRow[], week: number): ShownRow[] {
  return rows
    .map((row, index) => ({ row, index, hours: parseHours(row.cells[week] ?? '') }))
    .sort((a, b) => b.hours - a.hours || a.index - b.index)
    .map(({ row }) => row);
}

/** The Markdown table's body rows as cells, the escapes undone (the names here have none but `'`). */
function markdownRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .map((line) => line.replace(/^\| | \|$/g, '').split(' | ').map((cell) => cell.replace(/\\(.)/g, '$1').trim()));
}

describe('Team Availability in the workbench', () => {
  // From the sandbox's seeded data (test/sandbox/notableUsers.ts): Siobhán O'Connor, a Project Manager (a
  // group of 12) with 7.5-hour days; Alex Rivera is the admin token's user.
  const GROUP = 'Project Manager';
  const GROUP_SIZE = 12;
  const TAB = `Availability: ${GROUP}`;
  const PERSON = "Siobhán O'Connor";
  const PERSON_ID = '20004';
  const ME = 'Alex Rivera';

  const ui = useWorkbenchSession();
  // The default range (kantata.availability.defaultRange = next6Weeks), as the extension computes it.
  const range = availabilityRange('next6Weeks', new Date());
  const weeks: WeekColumn[] = weekColumns(range);
  const dates = weekDates(range);
  /** The grid as loaded in scenario a, rows in name order: what later scenarios compare with. */
  let loaded: ShownGrid | undefined;
  const view = (): FrameLocator => ui.workbench.visibleWebview();
  const progress = (): ReturnType<FrameLocator['getByTestId']> => view().getByTestId('availability-progress');

  /** Opens the group's grid from its context menu in the tree; returns where the sandbox's log stood before. */
  async function openFromContextMenu(): Promise<number> {
    const { workbench, session } = ui;
    await workbench.openKantata();
    await workbench.signIn(session.sandbox.adminToken, ME);
    await workbench.clearNotifications(); // the "Signed in as" toast would cover the grid
    const requestsBefore = session.sandbox.requests.length;
    await workbench.treeRow(GROUP).click({ button: 'right', timeout: 15_000 });
    await workbench.chooseMenuItem('Show Team Availability');
    await workbench.editorTab(TAB).waitFor({ timeout: 15_000 });
    await progress().filter({ hasText: `All ${GROUP_SIZE} loaded` }).waitFor({ timeout: 30_000 });
    return requestsBefore;
  }

  /** The caption and the column headers say the default range and its ISO weeks. */
  async function assertRangeShown(): Promise<void> {
    const caption = (await view().locator('#grid-caption').innerText({ timeout: 15_000 })).trim();
    assert.equal(caption, `${GROUP}, ${dateText(range.start)} to ${dateText(range.end)}`);
    const ids = await view().locator('thead th.week .week-id').allInnerTexts();
    assert.deepEqual(ids.map((id) => id.trim()), weeks.map((week) => week.id));
    assert.equal(weeks.length, 6, `next 6 weeks shows ${weeks.length} weeks`);
    assert.deepEqual(dates.map((days) => days.length), weeks.map((week) => week.dayCount));
  }

  /** One capacity request per person shown, for the whole range, and no other. */
  function assertOneRequestEach(requestsBefore: number, ids: readonly string[]): void {
    const requests = capacityRequests(ui.session.sandbox, requestsBefore);
    const perPerson = new Map<string, number>();
    requests.forEach(({ userId }) => perPerson.set(userId, (perPerson.get(userId) ?? 0) + 1));
    assert.deepEqual([...perPerson.keys()].sort(), [...ids].sort(), 'the people asked for are not the people shown');
    assert.deepEqual([...perPerson].filter(([, count]) => count !== 1), [], 'someone was asked for more than once');
    const others = requests.filter(({ start, end }) => start !== range.start || end !== range.end);
    assert.deepEqual(others, [], `requests for another range than ${range.start}..${range.end}`);
  }

  it('a. Show Team Availability on a role group: one row per person, hours as the sandbox has them, totals', async () => {
    const { workbench, session } = ui;
    const requestsBefore = await openFromContextMenu();
    // Read before any request of the test's own: the sandbox logs those too.
    const grid = await settledGrid(view(), 'the loaded grid');
    assert.equal(grid.rows.length, GROUP_SIZE);
    assert.ok(grid.rows.every((row) => !row.hidden && row.cells.length === weeks.length), 'a row is hidden or has another number of weeks');
    assertOneRequestEach(requestsBefore, shownIds(grid));
    await assertRangeShown();

    const person = grid.rows.find((row) => row.id === PERSON_ID);
    assert.ok(person, `no row for ${PERSON}`);
    assert.equal(person.name, PERSON);
    const expected = await Promise.all(dates.map((days) => sandboxHours(session.sandbox, PERSON_ID, days[0] ?? '', days[days.length - 1] ?? '')));
    assert.deepEqual(person.cells.map(parseHours), expected, `${PERSON}'s weeks differ from the sandbox's`);
    for (const [week, text] of grid.totals.entries()) {
      assert.equal(parseHours(text), columnSum(grid, week), `total-${week}`);
    }
    assert.ok(grid.rows.every((row) => row.statuses.every((status) => ['full', 'part', 'out'].includes(status))), 'a cell without a status');
    console.log(`      ${PERSON}: ${person.cells.join(' | ')}; totals ${grid.totals.join(' | ')}`);
    loaded = grid;
    await workbench.screenshot('availability-a-project-managers', workbench.page.locator('.part.editor'));
  });

  /** The popover is shown for this cell: its week, the cell's text, then each day with the sandbox's hours. */
  async function assertPopoverFor(userId: string, week: number): Promise<void> {
    const popover = view().getByRole('tooltip');
    const cell = view().getByTestId(`cell-${userId}-${week}`);
    const text = ((await cell.locator('.value').textContent()) ?? '').trim();
    const title = `${weeks[week]?.span}: ${text}`;
    await popover.locator('.popover-title').filter({ hasText: title }).waitFor({ timeout: 15_000 });
    assert.equal(await cell.getAttribute('aria-describedby'), await popover.getAttribute('id'), 'the cell is not described by the popover');
    const days = dates[week] ?? [];
    const sandbox = await sandboxDays(ui.session.sandbox, userId, days[0] ?? '', days[days.length - 1] ?? '');
    const listed = (await popover.locator('li').allInnerTexts()).map((line) => line.replace(/\s+/g, ' ').trim());
    const expected = days.map((date) => {
      const [, month = 0, day = 0] = date.split('-').map(Number);
      return `${WEEKDAYS[weekdayOf(date)]} ${day} ${MONTHS[month - 1]} ${round2(sandbox[date] ?? 0)} h`;
    });
    assert.deepEqual(listed, expected, `the days of cell-${userId}-${week}`);
  }

  it('b. a cell lists its days in a popover, on focus (arrow keys) and on hover; Escape hides it', async () => {
    const { workbench } = ui;
    const grid = loaded;
    assert.ok(grid, 'scenario a did not load the grid');
    const popover = view().getByRole('tooltip');
    // Keyboard: a click puts the focus on the first cell of the first row, arrows move it.
    const [first, second] = grid.rows;
    assert.ok(first && second);
    await view().getByTestId(`cell-${first.id}-0`).click();
    await assertPopoverFor(first.id, 0);
    await workbench.page.keyboard.press('ArrowRight');
    await view().locator(`[data-testid="cell-${first.id}-1"]:focus`).waitFor({ timeout: 15_000 });
    await assertPopoverFor(first.id, 1);
    await workbench.page.keyboard.press('ArrowDown');
    await view().locator(`[data-testid="cell-${second.id}-1"]:focus`).waitFor({ timeout: 15_000 });
    await assertPopoverFor(second.id, 1);
    await workbench.screenshot('availability-b-popover-keyboard', workbench.page.locator('.part.editor'));
    await workbench.page.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden', timeout: 15_000 });
    assert.equal(await view().getByTestId(`cell-${second.id}-1`).getAttribute('aria-describedby'), null);

    // Mouse: hovering a cell shows its days; moving off it hides them.
    await view().getByTestId(`cell-${PERSON_ID}-2`).hover();
    await assertPopoverFor(PERSON_ID, 2);
    await workbench.screenshot('availability-b-popover-hover', workbench.page.locator('.part.editor'));
    await view().locator('h1').hover();
    await popover.waitFor({ state: 'hidden', timeout: 15_000 });
  });

  /** Sorts by a week's hours and filters on it (the page's own controls); returns the rows expected. */
  async function sortAndFilter(grid: ShownGrid, week: number): Promise<{ minHours: number; expected: ShownRow[] }> {
    const page = view();
    await page.locator('#sort-by').selectOption(`hours:${week}`);
    const sorted = byHours(grid.rows, week);
    await waitUntil(() => readGrid(page), (shown) => shownIds(shown).join() === sorted.map((row) => row.id).join(), `the rows sorted by hours in week ${week}`);

    // At least the second-lowest figure of the week: someone is left out, someone stays (when they differ).
    const figures = [...new Set(grid.rows.map((row) => parseHours(row.cells[week] ?? '')))].sort((a, b) => a - b);
    const minHours = figures[1] ?? figures[0] ?? 0;
    await page.locator('#filter-week').selectOption(String(week));
    await page.locator('#filter-hours').fill(String(minHours));
    const expected = sorted.filter((row) => parseHours(row.cells[week] ?? '') >= minHours);
    const shown = await waitUntil(
      () => readGrid(page),
      (now) => shownIds(now).join() === expected.map((row) => row.id).join() && totalsAddUp(now),
      `the rows with at least ${minHours} h in week ${week}`,
    );
    assert.ok(expected.length < grid.rows.length || figures.length === 1, 'the filter left everyone in');
    console.log(`      week ${week}: ${figures.join(', ')} h; at least ${minHours} h: ${expected.length} of ${grid.rows.length}; totals ${shown.totals.join(' | ')}`);
    return { minHours, expected };
  }

  /** The clipboard of the workbench's page, or undefined (with the reason logged) when it cannot be read. */
  async function readClipboard(): Promise<string | undefined> {
    const { workbench, session } = ui;
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.url).origin });
    try {
      return await workbench.page.evaluate<string>('navigator.clipboard.readText()');
    } catch (error) {
      console.log(`      (the clipboard could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      return undefined;
    }
  }

  it('c. sort by a week\'s hours, filter "at least N h", Copy as Markdown copies those rows in that order', async () => {
    const grid = loaded;
    assert.ok(grid, 'scenario a did not load the grid');
    const week = 1; // the first whole week
    const { expected } = await sortAndFilter(grid, week);

    await view().locator('[data-action="copyMarkdown"]').click();
    const message = `Copied ${expected.length} ${expected.length === 1 ? 'person' : 'people'} as a Markdown table.`;
    await view().getByTestId('availability-status').filter({ hasText: message }).waitFor({ timeout: 15_000 });
    assert.equal((await view().getByTestId('availability-status').innerText()).trim(), message);

    const markdown = await readClipboard();
    if (markdown !== undefined) {
      const [header, separator, ...body] = markdownRows(markdown);
      assert.deepEqual(header, ['Person', 'Role', ...weeks.map(exportedWeekName)]);
      assert.equal(separator?.length, 2 + weeks.length);
      const totals = body.pop();
      assert.deepEqual(body.map((cells) => [cells[0], ...cells.slice(2)]), expected.map((row) => [row.name, ...row.cells]));
      const shown = await readGrid(view());
      assert.deepEqual(totals, ['**Total**', '', ...shown.totals]);
      console.log(`      clipboard: a Markdown table of ${body.length} people and a totals line`);
    }

    // Back to everyone in name order, for the screenshots.
    await view().locator('#sort-by').selectOption('name');
    await view().locator('[data-action="clearFilter"]').click();
    await waitUntil(() => readGrid(view()), (now) => shownIds(now).join() === shownIds(grid).join() && totalsAddUp(now), 'everyone in name order again');
  });

  it('d. the grid in the light, dark and high-contrast themes', async () => {
    const { workbench } = ui;
    await workbench.inEachTheme(view, async (name, theme) => {
      await progress().filter({ hasText: `All ${GROUP_SIZE} loaded` }).waitFor({ timeout: 15_000 });
      await settledGrid(view(), `the grid in ${theme}`);
      await workbench.screenshot(`availability-${name}`, workbench.page.locator('.part.editor'));
    });
  });

  it("e. a click on a person's name opens their profile", async () => {
    const { workbench } = ui;
    await workbench.editorTab(TAB).click();
    await view().getByTestId(`row-${PERSON_ID}`).locator('button.name').click();
    await workbench.editorTab(PERSON).waitFor({ timeout: 15_000 });
    await view().locator(`body[data-user-id="${PERSON_ID}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    const name = view().locator('h1');
    await name.waitFor({ timeout: 15_000 });
    assert.equal((await name.innerText()).trim(), PERSON);
  });
});
