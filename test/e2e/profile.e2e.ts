// The profile and capacity panel as a user sees it (issue 6), in the real workbench (code-server + Chromium)
// with the packaged extension talking to the sandbox; the checks read inside the webview (two iframes deep).
// The scenarios run in order on one workbench: open a profile from the tree → a preset → an invalid custom
// range → Show My Capacity → that panel in the light, dark and high-contrast themes → back to the teammate's
// panel: a click on the website or email link opens it once.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page, Request } from 'playwright-core';
import type { Sandbox } from '../sandbox/server';
import { useWorkbenchSession } from './useWorkbenchSession';
import { waitUntil } from './workbench';

/** "1,234.5 h" → 1234.5 (the panel groups digits the way the browser's locale does). */
function parseHours(text: string): number {
  const amount = /^(?<amount>[\d.,\s\u00a0\u202f]+) h$/.exec(text.trim())?.groups?.amount;
  assert.ok(amount !== undefined, `not an amount of hours: "${text}"`);
  return Number(amount.replace(/[,\s\u00a0\u202f]/g, ''));
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const round2 = (hours: number): number => Math.round(hours * 100) / 100;

/** What the sandbox says `userId` can work from `start` to `end` (inclusive), asked with the admin token. */
async function sandboxHours(sandbox: Sandbox, userId: string, start: string, end: string): Promise<number> {
  const url = `${sandbox.baseUrl}/users/${userId}/capacity?start_date=${start}&end_date=${end}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${sandbox.adminToken}` } });
  assert.equal(response.status, 200, `GET ${url}`);
  const body = (await response.json()) as { hours: Record<string, number> };
  return round2(Object.values(body.hours).reduce((sum, hours) => sum + hours, 0));
}

/** The capacity requests the sandbox has seen so far (any user). */
const capacityRequests = (sandbox: Sandbox) => sandbox.requests.filter((request) => /\/users\/[^/]+\/capacity(\.json)?$/.test(request.path));

/**
 * The capacity shown in a panel: the range (from the table's caption), the total, and the hours per week.
 * Waits for a loaded capacity section first.
 */
async function shownCapacity(view: FrameLocator): Promise<{ start: string; end: string; total: number; weeks: number[] }> {
  const total = view.locator('[data-testid="capacity-total"]');
  await total.waitFor({ timeout: 15_000 });
  const caption = (await view.locator('#capacity table caption').textContent({ timeout: 15_000 })) ?? '';
  const range = /^Capacity from (?<start>\d{4}-\d{2}-\d{2}) to (?<end>\d{4}-\d{2}-\d{2})$/.exec(caption.trim())?.groups;
  assert.ok(range?.start && range.end, `unexpected caption: "${caption}"`);
  const weeks = (await view.locator('#capacity ul.weeks li').allTextContents()).map((text) => {
    const hours = /(?<hours>[\d.,\u00a0\u202f]+ h)$/.exec(text.trim())?.groups?.hours;
    assert.ok(hours !== undefined, `a week without hours: "${text}"`);
    return parseHours(hours);
  });
  return { start: range.start, end: range.end, total: parseHours(await total.innerText()), weeks };
}

/** The total matches the sandbox for the shown range, and the weeks add up to it. */
async function assertCapacityConsistent(view: FrameLocator, sandbox: Sandbox, userId: string): Promise<{ start: string; end: string; total: number }> {
  const shown = await shownCapacity(view);
  assert.equal(shown.total, await sandboxHours(sandbox, userId, shown.start, shown.end), `the total for ${shown.start}..${shown.end} differs from the sandbox's`);
  assert.ok(shown.weeks.length > 0, 'no hours per week');
  assert.equal(round2(shown.weeks.reduce((sum, hours) => sum + hours, 0)), shown.total, `the weeks (${shown.weeks.join(' + ')}) do not add up to the total`);
  return shown;
}

describe('the profile and capacity panel in the workbench', () => {
  // From the sandbox's seeded data (test/sandbox/notableUsers.ts): Siobhán O'Connor, a Project Manager
  // (a group of 12, all in view once expanded) with 7.5-hour days; Alex Rivera is the admin token's user.
  const PERSON = "Siobhán O'Connor";
  const PERSON_ID = '20004';
  const PERSON_EMAIL = 'siobhan.oconnor@acme-consulting.example';
  const PERSON_WEBSITE = 'https://siobhan.o.connor.example.com'; // test/sandbox/data.ts, from the default seed

  // Her website is a trusted domain: the workbench opens it in a new tab without asking first (its
  // link-protection dialog), so every opening of the link is a new tab, to be counted (scenario f).
  const ui = useWorkbenchSession({ trustedDomains: [PERSON_WEBSITE] });
  const PERSON_GROUP = 'Project Manager';
  const ME = 'Alex Rivera';
  const ME_ID = '20001';

  it('a. clicking a teammate in the tree opens their profile: name, email and capacity total', async () => {
    const { workbench, session } = ui;
    await workbench.openKantata();
    await workbench.signIn(session.sandbox.adminToken, ME);
    await workbench.clearNotifications(); // the "Signed in as" toast would cover the panel
    await workbench.expandTreeRow(PERSON_GROUP);
    await workbench.treeRow(PERSON).click();
    await workbench.editorTab(PERSON).waitFor({ timeout: 15_000 });

    const view = workbench.visibleWebview();
    await view.locator(`body[data-user-id="${PERSON_ID}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    const name = view.locator('h1');
    await name.waitFor({ timeout: 15_000 });
    assert.equal((await name.innerText()).trim(), PERSON);
    const email = view.locator('a[href^="mailto:"]');
    assert.equal(await email.getAttribute('href'), `mailto:${PERSON_EMAIL}`);
    assert.equal((await email.innerText()).trim(), PERSON_EMAIL);

    // The default range (kantata.capacity.defaultRange = next2Weeks): today and the 13 days after.
    const shown = await assertCapacityConsistent(view, session.sandbox, PERSON_ID);
    assert.equal(dayNumber(shown.end) - dayNumber(shown.start), 13, `next 2 weeks shows ${shown.start}..${shown.end}`);
    assert.match(await view.locator('[data-testid="capacity-total"]').innerText(), /^\d[\d,]*(\.\d{1,2})? h$/);
    const pressed = view.locator('button[data-preset][aria-pressed="true"]');
    assert.deepEqual(await pressed.allInnerTexts(), ['Next 2 weeks']);
    await workbench.screenshot('profile-a-opened-from-tree', workbench.page.locator('.part.editor'));
  });

  it('b. a preset button ("This month") loads that month and shows as pressed', async () => {
    const { workbench, session } = ui;
    const view = workbench.visibleWebview();
    const before = (await shownCapacity(view)).total;
    const thisMonth = view.locator('button[data-preset="thisMonth"]');
    await thisMonth.click();
    await view.locator('button[data-preset="thisMonth"][aria-pressed="true"]').waitFor({ state: 'attached', timeout: 15_000 });

    const shown = await assertCapacityConsistent(view, session.sandbox, PERSON_ID);
    assert.match(shown.start, /-01$/, `this month starts on ${shown.start}`);
    const [year = NaN, month = NaN] = shown.start.split('-').map(Number);
    const lastDay = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10); // day 0 of the next month
    assert.equal(shown.end, lastDay, `this month ends on ${shown.end}`);
    assert.deepEqual(await view.locator('button[data-preset][aria-pressed="true"]').allInnerTexts(), ['This month']);
    assert.equal(await view.locator('button[data-preset="next2Weeks"]').getAttribute('aria-pressed'), 'false');
    console.log(`      total: next 2 weeks ${before} h, this month ${shown.total} h`);
    await workbench.screenshot('profile-b-this-month', view.locator('#capacity'));
  });

  it('c. an end date before the start date is refused next to the inputs, with no request', async () => {
    const { workbench, session } = ui;
    const view = workbench.visibleWebview();
    const requestsBefore = capacityRequests(session.sandbox).length;
    const start = view.locator('#range-start');
    const end = view.locator('#range-end');
    await start.fill('2026-03-10');
    await end.fill('2026-03-01');
    await view.locator('form.custom-range button[type="submit"]').click();

    const message = view.locator('form.custom-range #range-message');
    await message.filter({ hasText: 'The end date is before the start date.' }).waitFor({ timeout: 15_000 });
    assert.equal((await message.innerText()).trim(), 'The end date is before the start date.');
    assert.equal(await end.getAttribute('aria-invalid'), 'true', 'the end date is not marked invalid');
    assert.equal(await start.getAttribute('aria-invalid'), 'false');
    assert.equal(await end.inputValue(), '2026-03-01', 'the typed end date was lost');
    // Next to the inputs: just below them (or on their line), not somewhere else on the page.
    const [endBox, messageBox] = [await end.boundingBox(), await message.boundingBox()];
    assert.ok(endBox && messageBox, 'the inputs or the message have no layout box');
    assert.ok(messageBox.y >= endBox.y - 1 && messageBox.y - (endBox.y + endBox.height) < 40, `the message is ${Math.round(messageBox.y - endBox.y)} px away from the end date`);

    // A request would have been sent at once: give it time to show up in the sandbox's log.
    await workbench.page.waitForTimeout(1_000);
    assert.equal(capacityRequests(session.sandbox).length, requestsBefore, 'an invalid range was sent to Kantata');
    await workbench.screenshot('profile-c-invalid-range', view.locator('#capacity .capacity-controls'));
  });

  it('d. Kantata: Show My Capacity opens your own panel at the capacity section', async () => {
    const { workbench, session } = ui;
    await workbench.runCommand('Kantata: Show My Capacity');
    await workbench.editorTab(ME).waitFor({ timeout: 15_000 });
    const view = workbench.visibleWebview();
    await view.locator(`body[data-user-id="${ME_ID}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    const name = view.locator('h1');
    await name.waitFor({ timeout: 15_000 });
    // The name is the heading's own text; a "you" badge follows it.
    assert.equal((await name.evaluate((heading) => heading.firstChild?.textContent ?? '')).trim(), ME);
    assert.equal((await name.locator('.badge').innerText()).trim(), 'you');
    await view.locator('#capacity').waitFor({ timeout: 15_000 });
    await assertCapacityConsistent(view, session.sandbox, ME_ID);
    // The panel scrolls down to the capacity section: its heading is in view and the page is no longer at its top
    // (the profile above it is taller than the editor, so without scrolling the heading would sit at the bottom).
    const capacityInView = async () =>
      view.locator('#capacity-heading').evaluate((heading) => {
        const box = heading.getBoundingClientRect();
        const page = heading.ownerDocument.scrollingElement ?? heading.ownerDocument.documentElement;
        return box.top >= 0 && box.bottom <= page.clientHeight && page.scrollTop > 0;
      });
    const deadline = Date.now() + 10_000;
    while (!(await capacityInView())) {
      assert.ok(Date.now() < deadline, 'the capacity section was not scrolled into view');
      await workbench.page.waitForTimeout(200);
    }
    await workbench.waitForWebviewFocus(ME_ID); // taken when the panel was ready; the theme picker comes next
  });

  it('e. your capacity panel in the light, dark and high-contrast themes', async () => {
    const { workbench } = ui;
    await workbench.inEachTheme(
      () => workbench.visibleWebview(),
      async (name) => {
        await workbench.visibleWebview().locator('[data-testid="capacity-total"]').waitFor({ timeout: 15_000 });
        await workbench.screenshot(`profile-e-my-capacity-${name}`, workbench.page.locator('.part.editor'));
      },
    );
  });

  it('f. a click on the website or the email link opens it once, not twice (issue 17)', async () => {
    const { workbench } = ui;
    // What the workbench opens, seen by the browser: an http(s) link as a new tab (window.open), a mailto:
    // link as a navigation of the workbench's own window to it (Chromium reports both as requests). The
    // extension opens a link the page asks it to open (vscode.env.openExternal); VS Code's own listener on the
    // webview's window would open it too if the page's click handler let the click reach it.
    const context = workbench.page.context();
    const openings: string[] = [];
    const onRequest = (request: Request): void => {
      const url = request.url();
      if (url.startsWith('mailto:') || (url.startsWith(PERSON_WEBSITE) && request.isNavigationRequest())) {
        openings.push(url);
      }
    };
    const tabs: Page[] = [];
    const onPage = (page: Page): void => void tabs.push(page);
    const websiteOpenings = (): string[] => openings.filter((url) => url.startsWith(PERSON_WEBSITE));
    const emailOpenings = (): string[] => openings.filter((url) => url.startsWith('mailto:'));
    // The website is answered here: nothing leaves the machine.
    const isWebsite = (url: URL): boolean => url.origin === PERSON_WEBSITE;
    await context.route(isWebsite, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>website</title>' }));
    context.on('request', onRequest);
    context.on('page', onPage);
    try {
      await workbench.editorTab(PERSON).click();
      const view = workbench.visibleWebview();
      await view.locator(`body[data-user-id="${PERSON_ID}"]`).waitFor({ state: 'attached', timeout: 15_000 });
      const website = view.locator('a[data-action="openWebsite"]');
      const email = view.locator('a[data-action="sendEmail"]');
      assert.equal(await website.getAttribute('href', { timeout: 15_000 }), `${PERSON_WEBSITE}/`);
      assert.equal(await email.getAttribute('href', { timeout: 15_000 }), `mailto:${PERSON_EMAIL}`);

      await website.click();
      await waitUntil(websiteOpenings, (seen) => seen.length >= 1, 'the website to open in a new tab');
      await email.click();
      await waitUntil(emailOpenings, (seen) => seen.length >= 1, 'the email link to open');

      // No fixed wait for a second opening: VS Code's own would start before the extension's (the webview's
      // host script posts the clicked link to the workbench before the page's message, on the same channel)
      // and needs no round trip through the extension host. So the openings are counted once a later message
      // of the page has gone the whole way, page → extension host → workbench, and shown its effect: Reset
      // Photo's confirmation (cancelled).
      await view.locator('button[data-command="kantata.resetProfilePhoto"]').click();
      await workbench.modalDialog().filter({ hasText: `Reset ${PERSON}'s profile photo?` }).waitFor({ timeout: 15_000 });
      await workbench.chooseDialogButton('Cancel');

      const [web, mail] = [websiteOpenings(), emailOpenings()];
      assert.deepEqual(
        { website: web, email: mail, tabs: tabs.length },
        { website: [`${PERSON_WEBSITE}/`], email: [`mailto:${PERSON_EMAIL}`], tabs: 1 },
        `one click on each link: the website opened ${web.length} times (in ${tabs.length} tabs), the email link ${mail.length} times`,
      );
    } finally {
      context.off('request', onRequest);
      context.off('page', onPage);
      await Promise.all(tabs.map((tab) => tab.close().catch(() => undefined)));
      await context.unroute(isWebsite);
    }
  });

  it('g. the preview panel: the next teammate clicked replaces it in the same tab; Keep Open keeps it, and the next click opens a new tab', async () => {
    const { workbench } = ui;
    const [first, second, third] = ['Alejandro Kaur', 'Ángela Ramírez', 'Elijah Kim']; // Project Managers too
    await workbench.runCommand('View: Close All Editors');
    const profileTabs = workbench.page.locator('.part.editor .tabs-container .tab');
    const shows = async (name: string) => {
      await workbench.editorTab(name).waitFor({ timeout: 15_000 });
      const heading = workbench.visibleWebview().locator('#profile-name');
      await waitUntil(async () => (await heading.innerText({ timeout: 15_000 })).trim(), (text) => text === name, `the page showing ${name}`);
      await workbench.visibleWebview().locator('svg.chart').waitFor({ timeout: 15_000 });
    };

    await workbench.treeRow(first).click();
    await shows(first);
    const keepOpen = workbench.visibleWebview().locator('button[data-action="keepOpen"]');
    assert.equal((await keepOpen.innerText({ timeout: 15_000 })).trim(), 'Keep Open', 'a preview offers Keep Open');
    // The editor title's pin: VS Code shows it for the active preview panel.
    await workbench.page.locator('.part.editor .editor-actions [aria-label="Keep Profile Open"]').waitFor({ timeout: 15_000 });

    await workbench.treeRow(second).click();
    await shows(second);
    assert.equal(await profileTabs.count(), 1, 'the second teammate replaced the first in the same tab');
    await workbench.screenshot('profile-g-preview', workbench.page.locator('.monaco-workbench'));

    await workbench.visibleWebview().locator('button[data-action="keepOpen"]').click();
    await workbench.visibleWebview().locator('button[data-action="keepOpen"]').waitFor({ state: 'detached', timeout: 15_000 });
    await workbench.treeRow(third).click();
    await shows(third);
    assert.equal(await profileTabs.count(), 2, 'the kept panel stays beside the new preview');
    await workbench.editorTab(second).waitFor({ timeout: 15_000 });
  });
});
