import * as assert from 'node:assert/strict';
import { sortRows } from '../../src/capacity/availability';
import type { CellData, GridProgress, PersonData, WeekColumn } from '../../src/availability/protocol';
import { applyView, applyViewToNamed, fitView, progressText, RowState, viewFromControls } from '../../src/availability/view/gridModel';
import {
  renderCell,
  renderDays,
  renderGridError,
  renderLegend,
  renderPersonRow,
  renderProgress,
  renderTable,
  renderToolbar,
  renderViewControls,
  renderWeekHeader,
} from '../../src/availability/view/gridView';
import { textOf, VElement, VNode } from '../../src/profile/view/vnode';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

function elements(node: VNode): VElement[] {
  return typeof node === 'string' ? [] : [node, ...node.children.flatMap(elements)];
}

function find(node: VNode, predicate: (element: VElement) => boolean): VElement[] {
  return elements(node).filter(predicate);
}

function byTestId(node: VNode, id: string): VElement {
  const [found] = find(node, (element) => element.attrs['data-testid'] === id);
  assert.ok(found, `no data-testid=${id}`);
  return found;
}

function assertNoMarkupFromData(node: VNode): void {
  const tags = new Set(elements(node).map((element) => element.tag));
  assert.ok(!tags.has('script') && !tags.has('img'), `unexpected elements: ${[...tags].join(', ')}`);
  for (const element of elements(node)) {
    for (const [name, value] of Object.entries(element.attrs)) {
      assert.ok(!name.startsWith('on'), `event handler attribute ${name}`);
      assert.ok(!value.includes('<') && !value.includes('alert('), `${element.tag}[${name}] holds API text: ${value}`);
    }
  }
}

const weeks: WeekColumn[] = [
  { id: '2026-W49', span: '3 Dec – 6 Dec', dayCount: 4 },
  { id: '2026-W50', span: '7 Dec – 13 Dec', dayCount: 7 },
];

function cell(hours: number, usualHours: number, status: CellData['status']): CellData {
  return { hours, usualHours, status, text: `${hours} h of ${usualHours} h`, days: [{ label: 'Mon 7 Dec', hours: 8 }, { label: 'Tue 8 Dec', hours: 0 }] };
}

const eve: PersonData = { id: '20099', name: `Eve ${hostile}`, role: `Role ${hostile}`, initials: 'E<' };
const loaded: RowState = { kind: 'loaded', cells: [cell(16, 16, 'full'), cell(20, 40, 'part')] };

describe('the Team Availability page: rows and cells', () => {
  it('shows a hostile name and role as text: no element or attribute comes from API strings', () => {
    const row = renderPersonRow(eve, weeks.length, loaded);
    const text = textOf(row);
    assert.ok(text.includes(`Eve ${hostile}`));
    assert.ok(text.includes(`Role ${hostile}`));
    assertNoMarkupFromData(row);
    const [name] = find(row, (element) => element.tag === 'button');
    assert.equal(name?.attrs['data-action'], 'openProfile');
    assert.equal(name?.attrs['data-user-id'], '20099');
    assert.equal(row.attrs['data-testid'], 'row-20099');
    assert.equal(row.attrs['data-user-id'], '20099');
    const [header] = find(row, (element) => element.tag === 'th');
    assert.equal(header?.attrs.scope, 'row');
  });

  it('keeps a very long name whole, as one text node (the stylesheet wraps it)', () => {
    const long = 'A'.repeat(10_000);
    const row = renderPersonRow({ id: '7', name: long, initials: 'AA' }, 2, { kind: 'loading' });
    const [name] = find(row, (element) => element.tag === 'button');
    assert.deepEqual(name?.children, [long]);
  });

  it('shows the photo when there is one, else the initials hidden from screen readers', () => {
    const withPhoto = renderPersonRow(eve, 2, { kind: 'loading' }, 'data:image/png;base64,AAAA');
    const [photo] = find(withPhoto, (element) => element.tag === 'img');
    assert.deepEqual(photo?.attrs, { class: 'avatar', src: 'data:image/png;base64,AAAA', alt: '' });
    const [initials] = find(renderPersonRow(eve, 2, { kind: 'loading' }), (element) => element.attrs.class === 'avatar initials');
    assert.equal(initials?.attrs['aria-hidden'], 'true');
  });

  it('gives each cell its text, status and symbol once loaded, and a busy placeholder before', () => {
    const row = renderPersonRow(eve, weeks.length, loaded);
    const first = byTestId(row, 'cell-20099-0');
    const second = byTestId(row, 'cell-20099-1');
    assert.equal(first.attrs['data-status'], 'full');
    assert.match(textOf(first), /^● 16 h of 16 h, full week$/);
    assert.equal(second.attrs['data-status'], 'part');
    assert.match(textOf(second), /^◐ 20 h of 40 h, part$/);
    assert.equal(first.attrs.tabindex, '-1');
    const out = renderCell('1', 0, cell(0, 40, 'out'));
    assert.match(textOf(out), /○ 0 h of 40 h, out/);
    // The hours and `of …` are apart (two lines on the page), the usual figure only when there is one.
    const [hours] = find(second, (element) => element.attrs.class === 'hours');
    const [usual] = find(second, (element) => element.attrs.class === 'usual');
    assert.equal(hours && textOf(hours), '20 h');
    assert.equal(usual && textOf(usual), 'of 40 h');
    assert.deepEqual(find(renderCell('1', 0, { ...cell(0, 0, 'out'), usualHours: 0, text: '0 h' }), (element) => element.attrs.class === 'usual'), []);
    // Before the answer: one busy cell across the weeks (two cells a row, not one per week).
    const waiting = renderPersonRow(eve, weeks.length, { kind: 'loading' });
    const placeholder = byTestId(waiting, 'cell-20099-0');
    assert.equal(placeholder.attrs['aria-busy'], 'true');
    assert.equal(placeholder.attrs.colspan, String(weeks.length));
    assert.equal(textOf(placeholder), 'Loading…');
    assert.equal(placeholder.attrs['data-status'], undefined);
    assert.deepEqual(find(waiting, (element) => element.tag === 'td').length, 1);
  });

});

describe('the Team Availability page: popover and failed rows', () => {
  it('lists the days of a cell for its popover', () => {
    const text = renderDays(weeks[1], cell(20, 40, 'part')).map(textOf);
    assert.deepEqual(text, ['7 Dec – 13 Dec: 20 h of 40 h', 'Mon 7 Dec 8 hTue 8 Dec 0 h']);
  });

  it('shows a failed row as one message across the weeks, with Retry, and Sign In only when it helps', () => {
    const failed = renderPersonRow(eve, weeks.length, { kind: 'error', error: { message: `Timed out ${hostile}`, canRetry: true, canSignIn: false } });
    const cells = find(failed, (element) => element.tag === 'td');
    assert.equal(cells.length, 1);
    assert.equal(cells[0]?.attrs.colspan, '2');
    assert.ok(textOf(failed).includes(`Timed out ${hostile}`));
    assertNoMarkupFromData(failed);
    const actions = (node: VNode) => find(node, (element) => element.tag === 'button').map((button) => button.attrs['data-action']);
    assert.deepEqual(actions(failed), ['openProfile', 'retryRow']);
    assert.equal(find(failed, (element) => element.attrs['data-action'] === 'retryRow')[0]?.attrs['data-user-id'], '20099');
    const signedOut = renderPersonRow(eve, weeks.length, { kind: 'error', error: { message: 'Sign in again', canRetry: true, canSignIn: true } });
    assert.deepEqual(actions(signedOut), ['openProfile', 'retryRow', 'signIn']);
  });

});

describe('the Team Availability page: table, legend, toolbar', () => {
  it('builds a real table: caption, column headers with part weeks, a row per person, a totals row', () => {
    const people: PersonData[] = [eve, { id: '2', name: 'Kim Park', initials: 'KP' }];
    const table = renderTable({ title: 'Team availability', range: { start: '2026-12-03', end: '2026-12-13' }, weeks, people }, (id) => (id === '2' ? { kind: 'loading' } : loaded), [16, 20]);
    const [element] = find(table, (node) => node.tag === 'table');
    assert.equal(element?.attrs['data-testid'], 'availability-table');
    assert.deepEqual(element?.children.map((child) => (typeof child === 'string' ? child : child.tag)), ['caption', 'thead', 'tbody', 'tfoot']);
    assert.equal(textOf(find(table, (node) => node.tag === 'caption')[0] as VElement), 'Team availability, 3 Dec 2026 to 13 Dec 2026');
    const columns = find(table, (node) => node.tag === 'th' && node.attrs.scope === 'col').map(textOf);
    assert.deepEqual(columns, ['Person', '3 Dec – 6 Dec 2026-W49 (part, 4 days)', '7 Dec – 13 Dec 2026-W50']);
    assert.ok(byTestId(table, 'row-2'));
    assert.equal(textOf(byTestId(table, 'total-0')), '16 h');
    assert.equal(textOf(byTestId(table, 'total-1')), '20 h');
    assert.match(textOf(find(table, (node) => node.tag === 'tfoot')[0] as VElement), /^Total/);
  });

  it('says how many days a part week has, one or several', () => {
    assert.equal(textOf(renderWeekHeader({ id: '2026-W49', span: '6 Dec', dayCount: 1 }, 0)), '6 Dec 2026-W49 (part, 1 day)');
    assert.equal(textOf(renderWeekHeader({ id: '2026-W50', span: '7 Dec – 13 Dec', dayCount: 7 }, 1)), '7 Dec – 13 Dec 2026-W50');
  });

  it('explains the colours with symbols and words', () => {
    const text = textOf(renderLegend());
    for (const words of ['● full week', '◐ part', '○ out', "usual week"]) {
      assert.ok(text.includes(words), `legend lacks "${words}": ${text}`);
    }
  });

  it('offers Cancel while loading and Retry failed once finished with failures', () => {
    const actions = (progress: GridProgress | undefined) =>
      find(renderToolbar('next6Weeks', progress), (element) => element.tag === 'button').map((button) => button.attrs['data-action']);
    const loading = { done: 3, failed: 1, total: 10, finished: false, cancelled: false };
    assert.deepEqual(actions(loading), ['setPreset', 'setPreset', 'setPreset', 'refresh', 'cancel', 'copyMarkdown', 'saveCsv']);
    assert.deepEqual(actions({ ...loading, done: 10, finished: true }), ['setPreset', 'setPreset', 'setPreset', 'refresh', 'retryFailed', 'copyMarkdown', 'saveCsv']);
    assert.deepEqual(actions({ ...loading, done: 10, failed: 0, finished: true }), ['setPreset', 'setPreset', 'setPreset', 'refresh', 'copyMarkdown', 'saveCsv']);
    const pressed = find(renderToolbar('next6Weeks', undefined), (element) => element.attrs['aria-pressed'] === 'true').map(textOf);
    assert.deepEqual(pressed, ['Next 6 weeks']);
  });

});

describe('the Team Availability page: progress, view, errors', () => {
  it('words the progress, with a progress bar only while loading', () => {
    assert.equal(progressText({ done: 12, failed: 1, total: 50, finished: false, cancelled: false }), 'Loaded 11 of 50 people · 1 failed');
    assert.equal(progressText({ done: 20, failed: 0, total: 50, finished: true, cancelled: true }), 'Cancelled: 20 of 50 loaded');
    assert.equal(progressText({ done: 50, failed: 0, total: 50, finished: true, cancelled: false }), 'All 50 loaded');
    assert.equal(progressText({ done: 50, failed: 2, total: 50, finished: true, cancelled: false }), '48 of 50 loaded · 2 failed');
    const bars = (progress: GridProgress) => renderProgress(progress).flatMap((node) => find(node, (element) => element.tag === 'progress'));
    assert.equal(bars({ done: 12, failed: 0, total: 50, finished: false, cancelled: false })[0]?.attrs.value, '12');
    assert.equal(bars({ done: 50, failed: 0, total: 50, finished: true, cancelled: false }).length, 0);
  });

  it('reads the sort and filter controls into a view, and drops weeks the grid no longer has', () => {
    assert.deepEqual(viewFromControls('name', '', '0', 2), { sort: { kind: 'name' } });
    assert.deepEqual(viewFromControls('hours:1', '8', '1', 2), { sort: { kind: 'hours', week: 1 }, filter: { week: 1, minHours: 8 } });
    assert.deepEqual(viewFromControls('hours:5', '-1', '0', 2), { sort: { kind: 'name' } });
    assert.deepEqual(viewFromControls('name', 'abc', '0', 2), { sort: { kind: 'name' } });
    assert.deepEqual(fitView({ sort: { kind: 'hours', week: 12 }, filter: { week: 9, minHours: 4 } }, 2), { sort: { kind: 'name' } });
    assert.deepEqual(fitView(undefined, 2), { sort: { kind: 'name' } });
    const controls = renderViewControls(weeks, { sort: { kind: 'hours', week: 1 }, filter: { week: 0, minHours: 8 } });
    const options = find(controls, (element) => element.tag === 'option' && element.attrs.selected !== undefined).map((option) => option.attrs.value);
    assert.deepEqual(options, ['hours:1', '0']);
    assert.deepEqual(find(controls, (element) => element.tag === 'option').slice(0, 3).map(textOf), ['Name', 'Hours in 3 Dec – 6 Dec', 'Hours in 7 Dec – 13 Dec']);
    assert.equal(find(controls, (element) => element.tag === 'input')[0]?.attrs.value, '8');
  });

  it('orders rows already in name order exactly as sortRows and filterRows would', () => {
    const row = (userId: string, name: string, hours?: number[]) => ({ userId, name, cells: (hours ?? []).map((value) => ({ hours: value })) });
    const rows = [row('1', 'bo'), row('2', 'Al', [8, 40]), row('3', 'al', [8, 20]), row('4', 'Cy', [0, 40]), row('5', 'item 10', [8, 40]), row('6', 'item 9', [3, 0])];
    const byName = sortRows(rows, { kind: 'name' });
    for (const view of [
      { sort: { kind: 'name' as const } },
      { sort: { kind: 'hours' as const, week: 0 } },
      { sort: { kind: 'hours' as const, week: 1 }, filter: { week: 0, minHours: 1 } },
      { sort: { kind: 'name' as const }, filter: { week: 1, minHours: 20 } },
    ]) {
      assert.deepEqual(applyViewToNamed(byName, view).map((r) => r.userId), applyView(rows, view).map((r) => r.userId), JSON.stringify(view));
    }
  });

  it('shows a grid error with Retry, Sign In when it helps, and Show Logs', () => {
    const error = renderGridError({ message: `Signed out ${hostile}`, canRetry: false, canSignIn: true });
    assertNoMarkupFromData(error);
    assert.equal(error.attrs.role, 'alert');
    assert.deepEqual(find(error, (element) => element.tag === 'button').map((button) => button.attrs['data-action']), ['refresh', 'signIn', 'showLogs']);
    const other = renderGridError({ message: 'Nobody to show', canRetry: true, canSignIn: false });
    assert.deepEqual(find(other, (element) => element.tag === 'button').map((button) => button.attrs['data-action']), ['refresh', 'showLogs']);
  });
});
