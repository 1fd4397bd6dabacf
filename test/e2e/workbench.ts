// Drives the VS Code 1.100 web workbench (code-server) through playwright-core, for the scenarios in
// test/e2e/*.e2e.ts and `npm run demo -- --check`. Selectors are the ones that held in VS Code 1.100
// (/work/shared/testing-notes.md); every wait is for a condition, with a time limit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { repoRoot } from '../harness/codeServer';

export const EXTENSION_ID = 'kantata-teammates.kantata-teammates';
export const SCREENSHOT_DIR = path.join(repoRoot, 'test-results', 'e2e');

/** How long a single UI step may take (a request to the sandbox included). */
const STEP_MS = 15_000;

/** A CSS attribute value in double quotes. */
const quoted = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The built-in colour themes the scenarios switch between, by their `workbench.colorTheme` value, with the
 * class VS Code 1.100 puts on `.monaco-workbench` once the theme is applied.
 */
export const COLOR_THEMES = {
  'Default Light Modern': 'vscode-theme-defaults-themes-light_modern-json',
  'Default Dark Modern': 'vscode-theme-defaults-themes-dark_modern-json',
  'Default High Contrast': 'vscode-theme-defaults-themes-hc_black-json',
} as const;
export type ColorTheme = keyof typeof COLOR_THEMES;

/**
 * Waits until `condition` holds (checked every 100 ms), for states the page cannot signal, such as the
 * sandbox's request log or a sum over tree rows; fails with `what` (and the last value seen) after `timeoutMs`.
 */
export async function waitUntil<T>(read: () => T | Promise<T>, condition: (value: T) => boolean, what: string, timeoutMs = STEP_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (condition(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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
    await this.sidebarTitle().filter({ hasText: /kantata/i }).waitFor({ timeout: STEP_MS });
    await this.teammatesView().waitFor({ timeout: STEP_MS });
  }

  sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /**
   * One view of the Kantata container (a pane of the sidebar, header and body), by its English name. Found by
   * the view's id (its header's icon has the class `view-<id with dashes>`), not by the name shown, so that it
   * is found in any display language.
   */
  sidebarView(name: 'Teammates' | 'People in This File'): Locator {
    const id = name === 'Teammates' ? 'kantata-teammates' : 'kantata-peopleInFile';
    return this.page.locator('.part.sidebar .split-view-view .pane').filter({ has: this.page.locator(`.pane-header .icon.view-${id}`) });
  }

  /** The name a view of the Kantata container shows in its header ("Teammates", or its translation). */
  async sidebarViewTitle(name: 'Teammates' | 'People in This File'): Promise<string> {
    return (await this.sidebarView(name).locator('.pane-header h3.title').textContent({ timeout: STEP_MS }))?.trim() ?? '';
  }

  teammatesView(): Locator {
    return this.sidebarView('Teammates');
  }

  sidebarTitle(): Locator {
    return this.page.locator('.part.sidebar .composite.title');
  }

  /** The welcome content (viewsWelcome) of the Teammates view. */
  welcomeContent(): Locator {
    return this.teammatesView().locator('.welcome-view-content');
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

  /**
   * Runs a command by its palette title ("Kantata: Sign In"): F1, type the title, pick its row.
   *
   * A webview that has just been shown takes the keyboard focus when its frame is ready, and the palette
   * closes when it loses the focus: F1 pressed in that moment opens a palette that is gone a moment later (or,
   * pressed inside the webview's frame, may not reach the workbench at all). So the palette is opened from the
   * workbench's own document, and if it is gone before its row could be picked, it is opened again (at most
   * three times; each retry is logged, so a run shows how often it happens).
   */
  async runCommand(title: string): Promise<void> {
    // A command with a keybinding has it in the aria-label after a comma ("Preferences: Color Theme, Control+K Control+T").
    const row = this.page
      .locator(`.quick-input-list .monaco-list-row[aria-label=${quoted(title)}], .quick-input-list .monaco-list-row[aria-label^=${quoted(`${title}, `)}]`)
      .first();
    await this.retryQuickInput(`the palette for "${title}"`, async (waitMs) => {
      await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      await this.quickInputBox().waitFor({ timeout: waitMs });
      await this.page.keyboard.type(title);
      // Click the row with exactly this label rather than pressing Enter: fuzzy matching may rank another first.
      await row.waitFor({ timeout: waitMs });
      await row.click({ timeout: 5_000 });
    });
  }

  /** Opens a workspace file in an editor with Quick Open (Ctrl+P, its name, the row with that name). */
  async openFile(name: string): Promise<void> {
    const row = this.quickPickRowByText(name);
    await this.retryQuickInput(`Quick Open for "${name}"`, async (waitMs) => {
      await this.focusWorkbench();
      await this.page.keyboard.press('Control+P');
      await this.quickInputBox().waitFor({ timeout: waitMs });
      await this.page.keyboard.type(name);
      await row.first().waitFor({ timeout: waitMs });
      await row.first().click({ timeout: 5_000 });
    });
    await this.editorTab(name).waitFor({ timeout: STEP_MS });
  }

  /**
   * Runs `step` (open a quick input, pick from it) again when the quick input closes or never opens on the way
   * (see runCommand): at most three times, each retry logged. `step` gets how long to wait for each element:
   * short on the first tries, the usual step time on the last.
   */
  async retryQuickInput(what: string, step: (waitMs: number) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await step(attempt < 3 ? 5_000 : STEP_MS);
        return;
      } catch (error) {
        if (attempt >= 3) {
          throw error;
        }
        console.log(`      (${what} closed or did not open: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}; trying again)`);
        if (await this.quickInput().isVisible()) {
          await this.page.keyboard.press('Escape');
        }
      }
    }
  }

  /**
   * Waits until the webview in view has the keyboard focus. VS Code gives it to a newly opened webview once the
   * webview is ready, which on a busy machine can be after the next palette has opened, and a quick input
   * closes when it loses the focus: wait for this before opening one after a profile.
   */
  async waitForWebviewFocus(userId: string): Promise<void> {
    // The focused element is the webview's outer frame; the profile it shows is in the frame inside it. (Closing
    // the picker gives the focus back to the profile before for a moment: that one doesn't count.)
    const focusedProfile = async (): Promise<string | undefined> => {
      const active = await this.page.locator(':root').evaluateHandle((root) => root.ownerDocument.activeElement);
      const outer = await active.asElement()?.contentFrame();
      const inner = outer?.childFrames()[0];
      return inner?.locator('body').getAttribute('data-user-id', { timeout: 1_000 }).catch(() => undefined) ?? undefined;
    };
    await waitUntil(focusedProfile, (shown) => shown === userId, `the profile of ${userId} to have the keyboard focus`);
  }

  /**
   * Moves the keyboard focus out of a webview's frame back to the workbench's document (where VS Code's
   * keybindings listen), without clicking anything.
   */
  async focusWorkbench(): Promise<void> {
    await this.page.locator(':root').evaluate((root) => {
      const active = root.ownerDocument.activeElement;
      if (active?.tagName === 'IFRAME') {
        (active as unknown as { blur(): void }).blur();
      }
    });
  }

  /**
   * Puts the keyboard focus on the side bar's tree (the Teammates view), out of any webview. A quick input gives
   * the focus back to what had it when it closes, and a webview takes it some time later (it is a frame in
   * another process): a picker opened by the command just chosen in the palette would lose the focus to it and
   * close. With the focus on the tree, nothing takes it back late.
   */
  async focusSideBar(): Promise<void> {
    await this.focusWorkbench();
    await this.page.locator('.part.sidebar .monaco-list').first().focus({ timeout: STEP_MS });
    await waitUntil(
      () => this.page.locator(':root').evaluate((root) => Boolean(root.ownerDocument.activeElement?.closest('.part.sidebar'))),
      (inSideBar) => inSideBar,
      'the keyboard focus on the side bar',
    );
  }

  /**
   * Clicks the empty editor area, which takes the keyboard focus there, and waits until no hover is left. When
   * a quick input closes, VS Code gives the focus back to what had it (the status-bar item that opened a
   * picker), and that item's hover shows on focus, covering its neighbours (the Accounts icon) and
   * screenshots until the focus moves on and the hover has faded out.
   */
  async clickEmptyEditorArea(): Promise<void> {
    const watermark = this.page.locator('.part.editor .editor-group-watermark');
    await watermark.waitFor({ timeout: STEP_MS }); // no editor is open, so the click lands on nothing
    await watermark.click({ position: { x: 5, y: 5 } });
    await this.page.locator('.part.editor .editor-group-container.active').waitFor({ timeout: STEP_MS });
    await this.page.locator('.workbench-hover').first().waitFor({ state: 'detached', timeout: STEP_MS });
  }

  /** The highlighted (focused) row of the open quick pick: the one Enter accepts. */
  focusedQuickPickRow(): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row.focused');
  }

  /**
   * Signs in through the palette (Kantata: Sign In, the token, Enter) and waits for the "Signed in as …" toast
   * and the status-bar item with the user's name.
   */
  async signIn(token: string, userName: string): Promise<void> {
    await this.runCommand('Kantata: Sign In');
    await this.enterToken(token, userName);
  }

  /**
   * In the open "Kantata: Sign In" token box (from the palette, the welcome button or Add Account…): types the
   * token, Enter, and waits for the "Signed in as …" toast and the status-bar item with the user's name.
   */
  async enterToken(token: string, userName: string): Promise<void> {
    await this.quickInputTitle().filter({ hasText: 'Kantata: Sign In' }).waitFor({ timeout: STEP_MS });
    await this.typeIntoQuickInput(token);
    await this.pressEnter();
    await this.waitForNotification(`Signed in as ${userName}`);
    await this.waitForQuickInputClosed();
    await this.statusBarItem('kantata.account').filter({ hasText: userName }).waitFor({ timeout: STEP_MS });
  }

  /**
   * Opens "Kantata: Switch Account" with a click on the account's status-bar item (again if the picker closes
   * on the way, see retryQuickInput).
   */
  async openAccountPicker(): Promise<void> {
    await this.retryQuickInput('the Switch Account picker', async (waitMs) => {
      await this.focusWorkbench();
      await this.statusBarItem('kantata.account').click({ timeout: waitMs });
      await this.quickInputTitle().filter({ hasText: 'Kantata: Switch Account' }).waitFor({ timeout: waitMs });
      await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: waitMs });
    });
  }

  /**
   * A row of the open quick pick whose label shows exactly `text` ("Alex Rivera", "Add Account…"): a label's
   * `$(icon)` is drawn, not text (see quickPickRowIcon).
   */
  quickPickRowByText(text: string): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row').filter({
      has: this.page.locator('.label-name').getByText(text, { exact: true }),
    });
  }

  /** The codicon a quick-pick row's label starts with ("check" for `$(check) …`), by the row's text. */
  async quickPickRowIcon(text: string): Promise<string | undefined> {
    const classes = (await this.quickPickRowByText(text).locator('.label-name .codicon').first().getAttribute('class', { timeout: STEP_MS })) ?? '';
    return /\bcodicon-(?<name>[\w-]+)/.exec(classes)?.groups?.name;
  }

  /**
   * Switches the colour theme as a user does, through "Preferences: Color Theme" (writing the user
   * settings file is not picked up by code-server's workbench within seconds), and waits until the workbench
   * has applied it. The picker lists a theme by its label ("Dark Modern") with its settings id ("Default
   * Dark Modern") as the description; the aria-label holds both.
   */
  async chooseColorTheme(theme: ColorTheme): Promise<void> {
    await this.focusSideBar(); // see focusSideBar: a webview given the focus back by the palette would close the picker
    await this.runCommand('Preferences: Color Theme');
    await this.quickInputBox().waitFor({ timeout: STEP_MS });
    await this.typeIntoQuickInput(theme);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({
      has: this.page.locator('.label-description').getByText(theme, { exact: true }),
    });
    await row.first().click({ timeout: STEP_MS });
    await this.waitForQuickInputClosed();
    await this.page.locator(`.monaco-workbench.${COLOR_THEMES[theme]}`).waitFor({ timeout: STEP_MS });
  }

  /**
   * For the light, dark and high-contrast themes in turn: switches to it, waits until the webview's page has it
   * too (it learns the theme by a message of its own), then runs `each` with the theme's short name.
   */
  async inEachTheme(view: () => FrameLocator, each: (name: 'light' | 'dark' | 'high-contrast', theme: ColorTheme) => Promise<void>): Promise<void> {
    const themes: [ColorTheme, 'light' | 'dark' | 'high-contrast'][] = [
      ['Default Light Modern', 'light'],
      ['Default Dark Modern', 'dark'],
      ['Default High Contrast', 'high-contrast'],
    ];
    for (const [theme, name] of themes) {
      await this.chooseColorTheme(theme);
      await view().locator(`body[data-vscode-theme-id="${theme}"]`).waitFor({ state: 'attached', timeout: STEP_MS });
      await each(name, theme);
    }
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

  /** A row of the open quick pick by its label (the label starts the row's aria-label). */
  quickPickRow(label: string): Locator {
    return this.page.locator(`.quick-input-list .monaco-list-row[aria-label^=${quoted(label)}]`);
  }

  /** Ticks a row of a multi-select quick pick (one click on the row toggles it) and waits for the tick. */
  async checkQuickPickRow(label: string): Promise<void> {
    const row = this.quickPickRow(label).first();
    await row.waitFor({ timeout: STEP_MS });
    if ((await row.getAttribute('aria-checked')) !== 'true') {
      await row.click();
    }
    await this.quickPickRow(label).and(this.page.locator('[aria-checked="true"]')).first().waitFor({ timeout: STEP_MS });
  }

  // --- modal dialogs ----------------------------------------------------------------------------------

  /** The workbench's own modal dialog (showWarningMessage with modal: true), not a browser dialog. */
  modalDialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Clicks a button of the open modal dialog by its text and waits for the dialog to close. */
  async chooseDialogButton(label: string): Promise<void> {
    await this.modalDialog().locator('.dialog-buttons .monaco-button').filter({ hasText: label }).first().click({ timeout: STEP_MS });
    await this.modalDialog().waitFor({ state: 'detached', timeout: STEP_MS });
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

  /** Waits until no notification toast's message contains `text` (a progress notification that has ended). */
  async waitForNotificationGone(text: string, timeoutMs = STEP_MS): Promise<void> {
    await this.page
      .locator('.notifications-toasts .notification-toast .notification-list-item-message', { hasText: text })
      .first()
      .waitFor({ state: 'detached', timeout: timeoutMs });
  }

  /**
   * Clears every notification, so that no toast covers the editor or the sidebar in later steps and
   * screenshots (an information toast can stay up for the rest of a headless run).
   */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.waitForQuickInputClosed();
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: STEP_MS });
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

  /**
   * The natural size of the picture a tree row shows as its icon (a background image), or undefined for a
   * theme icon; loads the image's URL in the page to measure it.
   */
  async treeRowIconSize(label: string): Promise<{ width: number; height: number; url: string } | undefined> {
    const icon = this.treeRow(label).locator('.custom-view-tree-node-item-icon');
    await icon.waitFor({ timeout: STEP_MS });
    return icon.evaluate(async (element) => {
      const window = element.ownerDocument.defaultView;
      const url = window && /url\("?(?<url>[^")]+)"?\)/.exec(window.getComputedStyle(element).backgroundImage)?.groups?.url;
      if (!window || !url) {
        return undefined;
      }
      const image = new window.Image();
      image.src = url;
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight, url };
    });
  }

  /** The labels of the Teammates tree's rows rendered (a virtual list: only those in view). */
  async treeRowLabels(): Promise<string[]> {
    return this.teammatesView().locator('.monaco-list-row[role="treeitem"] .label-name').allInnerTexts();
  }

  /** The tree rows of the sidebar at one depth (1 = top level), in display order. */
  /** The rows of a view's tree at one depth (1 = top level), in display order; the Teammates tree by default. */
  treeRowsAtLevel(level: number, view: Locator = this.teammatesView()): Locator {
    return view.locator(`.monaco-list-row[role="treeitem"][aria-level="${level}"]`);
  }

  /** Label and description of each tree row rendered at one depth, in display order. */
  async treeItemsAtLevel(level: number, view?: Locator): Promise<{ label: string; description: string }[]> {
    return this.treeRowsAtLevel(level, view).evaluateAll((rows) =>
      rows.map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
      })),
    );
  }

  /** Expands a collapsed tree row with one click and waits until it says it is expanded. */
  async expandTreeRow(label: string): Promise<void> {
    const row = this.treeRow(label);
    await row.waitFor({ timeout: STEP_MS });
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
    }
    await this.page.locator(`.monaco-list-row[role="treeitem"][aria-expanded="true"]:has(.label-name .monaco-highlighted-label:text-is(${quoted(label)}))`).waitFor({ timeout: STEP_MS });
  }

  /** A button of the sidebar's title bar (the view's toolbar), by its aria-label ("Refresh Teammates"). */
  viewTitleAction(label: string): Locator {
    return this.teammatesView().locator(`.pane-header .actions .action-item a.action-label[aria-label=${quoted(label)}]`);
  }

  /**
   * Clicks a button of the Teammates view's header. The header shows its buttons while the mouse is over it (or
   * it has the focus), as it does for a user: hover first.
   */
  async clickViewTitleAction(label: string): Promise<void> {
    await this.teammatesView().locator('.pane-header').hover({ timeout: STEP_MS });
    await this.viewTitleAction(label).click({ timeout: STEP_MS });
  }

  /** An item (`li`) of the open context menu or submenu, by its visible label ("Country", "✓ Role"). */
  menuItem(label: string): Locator {
    // `:scope >`: an open submenu is rendered inside its parent's item, which must not match the submenu's items.
    return this.page.locator('.monaco-menu .action-item').filter({
      has: this.page.locator(':scope > a.action-menu-item > .action-label').getByText(label, { exact: true }),
    });
  }

  /** The visible labels of the open context menu, top to bottom. */
  async menuItemLabels(): Promise<string[]> {
    const labels = await this.page.locator('.monaco-menu .action-item a.action-menu-item .action-label').allInnerTexts();
    return labels.map((label) => label.trim()).filter((label) => label !== '');
  }

  /**
   * Runs an item of the open menu: hover (which gives it the menu's focus), then Enter. A click right after the
   * menu opened was sometimes ignored (the menu stayed open with the item highlighted).
   */
  async chooseMenuItem(label: string): Promise<void> {
    const item = this.menuItem(label);
    await item.hover({ timeout: STEP_MS });
    await item.and(this.page.locator('.focused')).waitFor({ timeout: STEP_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: STEP_MS }); // a submenu's too
  }

  /** Opens a submenu of the view's toolbar ("Group By") and waits for its menu. */
  async openViewTitleSubmenu(label: string): Promise<void> {
    await this.clickViewTitleAction(label);
    await this.page.locator('.monaco-menu .action-item a.action-menu-item').first().waitFor({ timeout: STEP_MS });
  }

  /** The Accounts icon at the bottom of the activity bar. */
  accountsMenuButton(): Locator {
    return this.page.locator('.part.activitybar a.action-label[aria-label="Accounts"]');
  }

  /**
   * Opens VS Code's Accounts menu (a context menu) and returns its top-level labels: one per account, as
   * "<account label> (<provider label>)". The menu shows what the workbench knows when it opens ("Loading..."
   * before it has read the providers' sessions; a provider's change arrives from the extension host a moment
   * later), so until `until` holds it is closed and opened again, at most for STEP_MS; the labels last seen
   * are returned with the menu open, for the caller to assert on.
   */
  async openAccountsMenu(until: (labels: string[]) => boolean = () => true): Promise<string[]> {
    const topLevel = this.page.locator('.monaco-menu .action-item > a.action-menu-item > .action-label');
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      await this.accountsMenuButton().click({ timeout: STEP_MS });
      await topLevel.first().waitFor({ timeout: STEP_MS });
      const labels = (await topLevel.allInnerTexts()).map((label) => label.trim()).filter((label) => label !== '');
      if ((!labels.includes('Loading...') && until(labels)) || Date.now() > deadline) {
        return labels;
      }
      await this.closeMenu();
    }
  }

  /** Opens a submenu of the open menu by hovering its item; returns the submenu's labels. */
  async openSubmenu(label: string): Promise<string[]> {
    const item = this.menuItem(label);
    await item.hover({ timeout: STEP_MS });
    const labels = item.locator('.monaco-submenu .action-item > a.action-menu-item > .action-label');
    await labels.first().waitFor({ timeout: STEP_MS });
    return (await labels.allInnerTexts()).map((text) => text.trim()).filter((text) => text !== '');
  }

  /** Closes the open menu, and its open submenu, with Escape. */
  async closeMenu(): Promise<void> {
    const menus = this.page.locator('.monaco-menu').filter({ visible: true });
    for (let attempt = 1; (await menus.count()) > 0; attempt++) {
      assert.ok(attempt <= 3, 'the menu does not close on Escape');
      const open = await menus.count();
      await this.page.keyboard.press('Escape');
      await waitUntil(() => menus.count(), (count) => count < open, 'Escape to close a menu');
    }
  }

  // --- editors and webviews ---------------------------------------------------------------------------

  /** An editor tab by its visible title. */
  editorTab(title: string): Locator {
    return this.page.locator(`.part.editor .tabs-container .tab:has(.label-name:text-is(${quoted(title)}))`);
  }

  /**
   * The content of the webview shown in the editor area: two iframes deep. Only the shown one is visible (a
   * hidden panel's iframe is kept or dropped by VS Code, never shown).
   */
  visibleWebview(): FrameLocator {
    return this.page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame');
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
