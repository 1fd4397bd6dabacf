// Accessibility in the real workbench (issue 10): the Teammates view and the profile panel from the keyboard
// alone, and an automated check (axe-core, run inside the webview) with no serious or critical violations in
// the light, dark and high-contrast themes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import { useWorkbenchSession } from './useWorkbenchSession';
import type { ColorTheme } from './workbench';

interface AxeViolation {
  readonly id: string;
  readonly impact?: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

describe('accessibility in the workbench', () => {
  const ui = useWorkbenchSession();

  /** The frame of the visible webview's page, for running a script in it (CDP ignores the page's CSP). */
  async function webviewFrame(): Promise<Frame> {
    const inner = ui.workbench.page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().locator('iframe#active-frame');
    const frame = await (await inner.elementHandle({ timeout: 15_000 }))?.contentFrame();
    assert.ok(frame, 'the profile page has no frame');
    return frame;
  }

  async function axeViolations(): Promise<AxeViolation[]> {
    const frame = await webviewFrame();
    await frame.evaluate(axeSource);
    // Strings, not functions: this file is compiled without DOM types, and they run in the page.
    const result = await frame.evaluate<{ violations: AxeViolation[] }>("axe.run(document, { resultTypes: ['violations'] })");
    return result.violations;
  }

  it('the Teammates view works from the keyboard: focus, move, expand, open a profile', async () => {
    const { workbench, session } = ui;
    await workbench.openKantata();
    await workbench.signIn(session.sandbox.adminToken, 'Alex Rivera');
    await workbench.clearNotifications();
    const page = workbench.page;
    await workbench.runCommand('Kantata: Focus on Teammates View');
    const tree = workbench.teammatesView().locator('.monaco-list[role="tree"]');
    await tree.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Home');
    const focused = workbench.teammatesView().locator('.monaco-list-row.focused');
    await focused.waitFor({ timeout: 15_000 });
    assert.equal(await focused.getAttribute('aria-expanded'), 'false', 'the first row is a collapsed group');
    const groupLabel = (await focused.getAttribute('aria-label')) ?? '';
    assert.match(groupLabel, /, \d+ teammates?$/, `the group reads as "${groupLabel}"`);
    await page.keyboard.press('ArrowRight');
    await workbench.teammatesView().locator('.monaco-list-row.focused[aria-expanded="true"]').waitFor({ timeout: 15_000 });
    await workbench.teammatesView().locator('.monaco-list-row[aria-level="2"]').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('ArrowDown');
    const userRow = workbench.teammatesView().locator('.monaco-list-row.focused[aria-level="2"]');
    await userRow.waitFor({ timeout: 15_000 });
    const userLabel = (await userRow.getAttribute('aria-label')) ?? '';
    assert.ok(userLabel.length > 0, 'a user row without an accessible name');
    await page.keyboard.press('Enter');
    const name = userLabel.split(',')[0]?.replace(' (you)', '') ?? '';
    await workbench.editorTab(name).waitFor({ timeout: 15_000 });
    await workbench.visibleWebview().locator('h1').filter({ hasText: name }).waitFor({ timeout: 15_000 });
  });

  it('the profile panel works from the keyboard: every control reachable and labelled, a preset chosen with Enter', async () => {
    const frame = await webviewFrame();
    const view = ui.workbench.visibleWebview();
    await view.locator('#capacity [data-testid="capacity-total"]').waitFor({ timeout: 15_000 });
    const controls = await frame.evaluate<{ tag: string; name: string; tabbable: boolean }[]>(`
      Array.from(document.querySelectorAll('button, a[href], input, summary')).map((element) => ({
        tag: element.tagName.toLowerCase(),
        name: (element.getAttribute('aria-label') ?? (element.labels && element.labels[0] ? element.labels[0].textContent : null) ?? element.textContent ?? '').trim(),
        tabbable: element.tabIndex >= 0,
      }))`);
    assert.ok(controls.length >= 10, `only ${controls.length} controls`);
    for (const control of controls) {
      assert.ok(control.tabbable, `${control.tag} "${control.name}" can't be reached with Tab`);
      assert.ok(control.name, `a ${control.tag} without a name`);
    }
    const headings = await frame.evaluate<number[]>("Array.from(document.querySelectorAll('h1, h2, h3')).map((heading) => Number(heading.tagName[1]))");
    assert.equal(headings[0], 1);
    headings.forEach((level, index) => assert.ok(index === 0 || level <= (headings[index - 1] ?? 1) + 1, `heading levels skip: ${headings.join(' ')}`));

    const thisWeek = view.locator('button[data-preset="thisWeek"]');
    await thisWeek.focus();
    await ui.workbench.page.keyboard.press('Enter');
    await view.locator('button[data-preset="thisWeek"][aria-pressed="true"]').waitFor({ timeout: 15_000 });
    assert.equal(await frame.evaluate<string | undefined>('document.activeElement?.dataset?.preset'), 'thisWeek', 'focus was lost after choosing a preset');
  });

  for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast'] as ColorTheme[]) {
    it(`no serious or critical axe violations in the profile panel: ${theme}`, async () => {
      await ui.workbench.chooseColorTheme(theme);
      await ui.workbench.visibleWebview().locator('[data-testid="capacity-total"]').waitFor({ timeout: 15_000 });
      const violations = await axeViolations();
      const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      console.log(`      axe (${theme}): ${violations.length} violation(s), ${serious.length} serious or critical`);
      assert.deepEqual(
        serious.map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`),
        [],
      );
    });
  }
});
