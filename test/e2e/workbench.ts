// Drives the VS Code 1.100 web workbench (code-server) through playwright-core, for the scenarios in
// test/e2e/*.e2e.ts and `npm run demo -- --check`. Selectors are the ones that held in VS Code 1.100
// (/work/shared/testing-notes.md); every wait is for a condition, with a time limit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../harness/codeServer';

export const EXTENSION_ID = 'kantata-teammates.kantata-teammates';
export const SCREENSHOT_DIR = path.join(repoRoot, 'test-results', 'e2e');

/** How long a single UI step may take (a request to the sandbox included). */
const STEP_MS = 15_000;

/** A CSS attribute value in double quotes. */
const quoted = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export class Workbench {
  private constructor(readonly page: Page) {}

  /** Opens the workbench at `url` and waits until the Kantata activity-bar item shows (a cold start takes 4–7 s). */
  static async open(page: Page, url: string, timeoutMs = 60_000): Promise<Workbench> {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    const workbench = new Workbench(page);
    await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    await workbench.activityBarItem().waitFor({ timeout: timeoutMs });
    return workbench;
  }

  /** The Kantata icon in the activity bar (its aria-label may carry a keybinding, hence ^=). */
  activityBarItem(): Locator {
    return this.page.locator('.part.activitybar .action-item a.action-label[aria-label^="Kantata"]');
  }

  /** Shows the Kantata container in the sidebar (a click on an already open one would close it). */
  async openKantata(): Promise<void> {
    const tab = this.activityBarItem().locator('xpath=..'); // the <li> carries the selection state
    if ((await tab.getAttribute('aria-selected', { timeout: STEP_MS })) !== 'true') {
      await this.activityBarItem().click();
      // Move off the icon, or its hover label ("Kantata") stays on top of the sidebar in screenshots.
      await this.page.locator('.part.editor').hover();
    }
    // A container with a single view hides the view's header: its title is the sidebar's ("KANTATA: TEAMMATES").
    await this.sidebarTitle().filter({ hasText: /kantata/i }).waitFor({ timeout: STEP_MS });
  }

  sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  sidebarTitle(): Locator {
    return this.page.locator('.part.sidebar .composite.title');
  }

  /** The welcome content of the view shown in the sidebar (viewsWelcome). */
  welcomeContent(): Locator {
    return this.page.locator('.part.sidebar .welcome-view-content');
  }

  /** A button of the welcome content, by its text. */
  welcomeButton(text: string): Locator {
    return this.welcomeContent().locator('.monaco-button').filter({ hasText: text });
  }

  // --- command palette and quick input ---------------------------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The input of the quick-input widget: the palette's filter, or an extension's input box. */
  quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  quickInputTitle(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-title');
  }

  /** The line under the input: an input box's prompt, or its validation message. */
  quickInputMessage(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  /** Runs a command by its palette title ("Kantata: Sign In"): F1, type the title, pick its row. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInputBox().waitFor({ timeout: STEP_MS });
    await this.page.keyboard.type(title);
    // Click the row with exactly this label rather than pressing Enter: fuzzy matching may rank another first.
    const row = this.page.locator(`.quick-input-list .monaco-list-row[aria-label=${quoted(title)}]`);
    await row.waitFor({ timeout: STEP_MS });
    await row.click();
  }

  /** Types into the quick-input box; `replace` (default) clears what is there first. */
  async typeIntoQuickInput(text: string, { replace = true } = {}): Promise<void> {
    const box = this.quickInputBox();
    await box.waitFor({ timeout: STEP_MS });
    if (replace) {
      await box.fill(text);
    } else {
      await box.pressSequentially(text);
    }
  }

  async quickInputValue(): Promise<string> {
    return this.quickInputBox().inputValue({ timeout: STEP_MS });
  }

  /** Waits until the quick input's message line contains `text`, and returns the whole message. */
  async waitForQuickInputMessage(text: string, timeoutMs = STEP_MS): Promise<string> {
    const message = this.quickInputMessage().filter({ hasText: text });
    await message.waitFor({ timeout: timeoutMs });
    return message.innerText();
  }

  async waitForQuickInputClosed(timeoutMs = STEP_MS): Promise<void> {
    await this.quickInput().waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  async pressEnter(): Promise<void> {
    await this.page.keyboard.press('Enter');
  }

  // --- notifications, status bar, tree ---------------------------------------------------------------

  /** Waits for a notification toast whose message contains `text`; returns the toast (for a screenshot). */
  async waitForNotification(text: string, timeoutMs = STEP_MS): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast').filter({
      has: this.page.locator('.notification-list-item-message', { hasText: text }),
    });
    await toast.first().waitFor({ timeout: timeoutMs });
    return toast.first();
  }

  /** A status-bar item contributed by the extension, by the id it gave createStatusBarItem. */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.part.statusbar .statusbar-item[id=${quoted(`${EXTENSION_ID}.${id}`)}]`);
  }

  /** The visible text of every status-bar item, left to right. */
  async statusBarTexts(): Promise<string[]> {
    const texts = await this.page.locator('.part.statusbar .statusbar-item').allInnerTexts();
    return texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text !== '');
  }

  /** A tree row by its visible label (not its aria-label, which becomes the tooltip when there is one). */
  treeRow(label: string): Locator {
    return this.page.locator(`.monaco-list-row[role="treeitem"]:has(.label-name .monaco-highlighted-label:text-is(${quoted(label)}))`);
  }

  /** The labels of the tree rows rendered in the sidebar (a virtual list: only those in view). */
  async treeRowLabels(): Promise<string[]> {
    return this.sidebar().locator('.monaco-list-row[role="treeitem"] .label-name').allInnerTexts();
  }

  // --- screenshots ------------------------------------------------------------------------------------

  /** Asserts that `locator` is visible, then saves it to test-results/e2e/<name>.png; returns the path. */
  async screenshot(name: string, locator: Locator): Promise<string> {
    await locator.waitFor({ state: 'visible', timeout: STEP_MS });
    assert.ok(await locator.isVisible(), `${name}: the element to capture is not visible`);
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await locator.screenshot({ path: file, timeout: STEP_MS });
    return file;
  }

  /** The whole page, for a failed test: test-results/e2e/FAILED-<title>.png. Never throws. */
  async failureScreenshot(title: string): Promise<string | undefined> {
    const file = path.join(SCREENSHOT_DIR, `FAILED-${title.replace(/[^\w-]+/g, '_').slice(0, 100)}.png`);
    try {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await this.page.screenshot({ path: file, timeout: 10_000 });
      return file;
    } catch {
      return undefined; // the page may be gone (crash): the test's own error says more
    }
  }
}
