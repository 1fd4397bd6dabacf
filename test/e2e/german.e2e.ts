// The extension in German (issue 21) as a user of a German VS Code sees it, in the real workbench (code-server +
// Chromium) with the packaged extension talking to the sandbox. The workbench is switched to German by a local
// language pack (test/e2e/fixtures/language-pack-de, `language: 'de'` in the session): it translates only a few
// of the workbench's own strings, so the workbench around the extension stays mostly English, but its display
// language, and the extension host's `vscode.env.language`, are `de`.
// The scenarios run in order on one workbench: the views → the palette and Sign In → a project linked from the
// palette, the view's menus → a teammate's context menu opens the profile → Show My Capacity → the walkthrough.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useWorkbenchSession } from './useWorkbenchSession';
import { waitUntil } from './workbench';

/** The in-code strings these scenarios read, as l10n/bundle.l10n.de.json has them. */
const IN_CODE = {
  signedIn: (name: string) => `Angemeldet als ${name}`,
  thisProject: /^Dieses Projekt \(#\d+\)$/,
  /** A person's week ahead, as a tree row's description (src/capacity/weekAhead.ts in German). */
  weekAhead: /^(\(Sie\) )?((Diese|Nächste) Woche: \d+(,\d+)?( von \d+(,\d+)?)? Std\.|(Diese|Nächste) Woche (abwesend|keine Stunden))$/,
  weekAheadInTooltip: /(Diese|Nächste) Woche/,
  capacityHeading: 'Kapazität',
};

/** From package.nls.de.json: what the German manifest promises. */
const GERMAN = {
  teammatesView: 'Teammitglieder',
  peopleInFileView: 'Personen in dieser Datei',
  signIn: 'Kantata: Anmelden',
  linkProject: 'Kantata: Arbeitsbereich mit Projekt verknüpfen…',
  showMyCapacity: 'Kantata: Meine Kapazität anzeigen',
  /** Commands the palette offers before signing in (a few of them). */
  signedOutPalette: ['Kantata: Anmelden', 'Kantata: Konto wechseln…', 'Kantata: Protokoll anzeigen', 'Kantata: Teammitglied suchen…', 'Kantata: Wer hat an dieser Datei gearbeitet?'],
  groupByMenu: ['✓ Rolle', 'Klassifizierung', 'Land', 'Keine Gruppierung'],
  personMenu: ['Profil öffnen', 'Kapazität anzeigen', 'Teamverfügbarkeit anzeigen', 'Benutzer bearbeiten…', 'Profilfoto ändern…', 'Profilfoto zurücksetzen', 'E-Mail-Adresse kopieren'],
  walkthrough: 'Kantata Teammates',
  walkthroughDescription: 'Anmelden, Team, Kapazität und Verfügbarkeit sehen.',
  steps: ['Bei Kantata OX anmelden', 'Ihr Team durchsehen', 'Ihre Kapazität öffnen', 'Teamverfügbarkeit ansehen'],
  /** The first headings of signIn.nls.de.md and availability.nls.de.md. */
  signInPage: 'Bei Kantata OX anmelden',
  availabilityPage: 'Sehen, wer frei ist',
} as const;

/** From the language pack fixture (translations/main.i18n.json): the walkthrough's editor tab. */
const WALKTHROUGH_TAB = 'Exemplarische Vorgehensweise: Kantata Teammates';

describe('the extension in German in the workbench', () => {
  const ui = useWorkbenchSession({ language: 'de' });
  const ME = 'Alex Rivera';
  const PROJECT = '5';
  /** The teammate whose profile is opened (the first of the project's people), found in c. */
  let person = '';

  /** The inner document of the webview in view has `<html lang="de">`: the extension read `vscode.env.language`. */
  const waitForGermanPage = () => ui.workbench.visibleWebview().locator('html[lang="de"]').waitFor({ state: 'attached', timeout: 15_000 });

  it('a. a German workbench: the Kantata views and their welcome are German (package.nls.de.json)', async () => {
    const { workbench } = ui;
    const language = await workbench.page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE);
    assert.equal(language, 'de', 'the workbench did not load the German language pack');
    await workbench.openKantata();
    assert.equal(await workbench.sidebarViewTitle('Teammates'), GERMAN.teammatesView);
    assert.equal(await workbench.sidebarViewTitle('People in This File'), GERMAN.peopleInFileView);
    await workbench.welcomeButton('Anmelden').waitFor({ timeout: 15_000 });
    assert.match(await workbench.welcomeContent().innerText(), /^Melden Sie sich bei Kantata OX an, um Ihre Teammitglieder/);
    await workbench.screenshot('german-a-views', workbench.sidebar());
  });

  it('b. the palette lists the commands in German; Kantata: Anmelden signs in', async () => {
    const { workbench, session } = ui;
    await workbench.focusWorkbench();
    await workbench.page.keyboard.press('F1');
    // The language pack translates the palette's placeholder: the workbench itself is German where it can be.
    assert.equal(await workbench.quickInputBox().getAttribute('placeholder', { timeout: 15_000 }), 'Geben Sie den Namen eines auszuführenden Befehls ein.');
    await workbench.typeIntoQuickInput('>Kantata: ');
    const rows = workbench.page.locator('.quick-input-list .monaco-list-row');
    const labels = await waitUntil(
      () => rows.evaluateAll((found) => found.map((row) => row.getAttribute('aria-label') ?? '')),
      (found) => GERMAN.signedOutPalette.every((title) => found.some((label) => label === title || label.startsWith(`${title}, `))),
      'the German command titles in the palette',
    );
    assert.ok(!labels.some((label) => /^Kantata: (Sign In|Switch Account|Show Logs|Find Teammate)/.test(label)), `English titles in the palette: ${labels.join(' | ')}`);
    await workbench.screenshot('german-b-palette', workbench.page.locator('.monaco-workbench'));
    await workbench.page.keyboard.press('Escape');
    await workbench.waitForQuickInputClosed();

    await workbench.runCommand(GERMAN.signIn);
    await workbench.typeIntoQuickInput(session.sandbox.adminToken);
    await workbench.pressEnter();
    await workbench.waitForQuickInputClosed();
    await workbench.statusBarItem('kantata.account').filter({ hasText: ME }).waitFor({ timeout: 15_000 });
  });

  it('b2. the sign-in notification is German', async () => {
    await ui.workbench.waitForNotification(IN_CODE.signedIn(ME));
  });

  it('c. a project linked from the palette; the view toolbar and its Group By menu are German', async () => {
    const { workbench } = ui;
    await workbench.clearNotifications(); // the sign-in toast would cover the tree
    await workbench.runCommand(GERMAN.linkProject);
    await workbench.typeIntoQuickInput(`https://acme.kantata.com/workspaces/${PROJECT}`);
    await workbench.pressEnter();
    await workbench.waitForQuickInputClosed();
    // The project's group comes first and expands by itself; its people fill in their week ahead.
    await waitUntil(() => workbench.treeItemsAtLevel(1), ([first]) => Boolean(first?.label.endsWith(`(#${PROJECT})`)) && /^\d+$/.test(first?.description ?? ''), 'the project group first, with its count');
    const people = await waitUntil(() => workbench.treeItemsAtLevel(2), (rows) => rows.length > 0 && rows.every((row) => IN_CODE.weekAhead.test(row.description)), 'the project\u2019s people with their week ahead');
    person = people.find((row) => row.label !== ME)?.label ?? '';
    assert.ok(person, 'nobody but me in the project');

    await workbench.teammatesView().locator('.pane-header').hover();
    for (const title of ['Teammitglied suchen…', 'Gruppieren nach', 'Teammitglieder aktualisieren']) {
      await workbench.viewTitleAction(title).waitFor({ timeout: 15_000 });
    }
    await workbench.openViewTitleSubmenu('Gruppieren nach');
    assert.deepEqual(await workbench.menuItemLabels(), GERMAN.groupByMenu);
    await workbench.screenshot('german-c-group-by', workbench.page.locator('.monaco-workbench'));
    await workbench.closeMenu();
  });

  it('c2. the tree is German: the project group, each week ahead and its tooltip', async () => {
    const { workbench } = ui;
    const [group] = await workbench.treeItemsAtLevel(1);
    assert.match(group?.label ?? '', IN_CODE.thisProject);
    const row = workbench.treeRow(person);
    const text = await tooltipText(row);
    assert.match(text, IN_CODE.weekAheadInTooltip, `the tooltip: ${text}`);
    await workbench.screenshot('german-c2-tooltip', workbench.page.locator('.monaco-workbench'));
    await workbench.page.mouse.move(5, 5);
  });

  it('d. a teammate\u2019s context menu is German; Profil öffnen opens the profile, a page in German', async () => {
    const { workbench } = ui;
    await workbench.treeRow(person).click({ button: 'right', timeout: 15_000 });
    await workbench.menuItem('Profil öffnen').waitFor({ timeout: 15_000 });
    const labels = await workbench.menuItemLabels();
    assert.deepEqual(GERMAN.personMenu.filter((label) => !labels.includes(label)), [], `the menu: ${labels.join(' | ')}`);
    await workbench.screenshot('german-d-context-menu', workbench.page.locator('.monaco-workbench'));
    await workbench.chooseMenuItem('Profil öffnen');
    await workbench.editorTab(person).waitFor({ timeout: 15_000 });
    await workbench.visibleWebview().locator('h1').filter({ hasText: person }).waitFor({ timeout: 15_000 });
    await waitForGermanPage();
    await workbench.visibleWebview().locator('[data-testid="capacity-total"]').waitFor({ timeout: 15_000 });
    await workbench.page.mouse.move(900, 880); // off the tree: no row's tooltip over the picture
    await workbench.page.locator('.monaco-hover').waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
    await workbench.screenshot('german-d-profile', workbench.page.locator('.monaco-workbench'));
  });

  it('d2. the profile page is German: its Kapazität heading', async () => {
    const heading = ui.workbench.visibleWebview().locator('#capacity-heading');
    assert.equal((await heading.innerText({ timeout: 15_000 })).trim(), IN_CODE.capacityHeading);
  });

  it('e. Kantata: Meine Kapazität anzeigen from the palette opens my capacity, in German', async () => {
    const { workbench } = ui;
    await workbench.focusSideBar(); // see focusSideBar: the profile's webview would take the palette's focus
    await workbench.runCommand(GERMAN.showMyCapacity);
    await workbench.editorTab(ME).waitFor({ timeout: 15_000 });
    await workbench.visibleWebview().locator('h1').filter({ hasText: ME }).waitFor({ timeout: 15_000 });
    await waitForGermanPage();
  });

  it('f. the walkthrough is German: its title, description, steps and pages (<page>.nls.de.md)', async () => {
    const { workbench } = ui;
    await workbench.focusSideBar();
    await workbench.runCommand('Welcome: Open Walkthrough...');
    const row = workbench.quickPickRowByText(GERMAN.walkthrough);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await workbench.editorTab(WALKTHROUGH_TAB).waitFor({ timeout: 15_000 });
    const details = workbench.page.locator('.gettingStartedSlideDetails');
    await details.locator('h2', { hasText: GERMAN.walkthrough }).waitFor({ timeout: 15_000 });
    const description = details.locator('.category-description');
    await description.getByText(GERMAN.walkthroughDescription).waitFor({ timeout: 15_000 });
    // The description has three lines above the steps (class max-lines-3), then it is cut off with an ellipsis.
    const size = await description.evaluate((element) => ({ scrollHeight: element.scrollHeight, clientHeight: element.clientHeight }));
    assert.ok(size.scrollHeight <= size.clientHeight + 1, `the description is cut off: ${JSON.stringify(size)}`);
    for (const title of GERMAN.steps) {
      await step(title).waitFor({ timeout: 15_000 });
    }
    await workbench.visibleWebview().locator('h1', { hasText: GERMAN.signInPage }).waitFor({ timeout: 15_000 });
    await workbench.screenshot('german-f-walkthrough', workbench.page.locator('.part.editor'));
    await step(GERMAN.steps[3]).click();
    await workbench.visibleWebview().locator('h1', { hasText: GERMAN.availabilityPage }).waitFor({ timeout: 15_000 });
    await step(GERMAN.steps[3]).locator('a.button-link, .button-container a', { hasText: 'Teamverfügbarkeit anzeigen' }).waitFor({ timeout: 15_000 });
    await workbench.screenshot('german-f-walkthrough-availability', workbench.page.locator('.part.editor'));
  });

  /** A step of the open walkthrough, by its title. */
  function step(title: string): Locator {
    const { page } = ui.workbench;
    return page.locator('.getting-started-step').filter({ has: page.locator('.step-title', { hasText: title }) });
  }

  /** Hovers a tree row until its tooltip shows (a hover comes after a delay); returns the tooltip's text. */
  async function tooltipText(row: Locator): Promise<string> {
    const { page } = ui.workbench;
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ visible: true }).first();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(5, 5);
      await page.waitForTimeout(300);
      await row.hover();
      try {
        await hover.waitFor({ timeout: 5_000 });
        return (await hover.textContent()) ?? '';
      } catch (error) {
        if (attempt === 3) {
          throw error;
        }
      }
    }
  }
});
