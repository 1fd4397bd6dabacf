/**
 * The Team Availability page, described as VNodes (pure: no DOM, no vscode). The page script materializes
 * these pieces into regions of the page and updates rows in place; the unit tests read them as data. Every
 * string from Kantata (names, roles, error messages) is a text child, never markup or an attribute that runs.
 */
import * as l10n from '@vscode/l10n';
import { AVAILABILITY_PRESETS, availabilityPresetLabel, type AvailabilityPreset, usualHoursText, type WeekStatus } from '../../capacity/availability';
import type { DateRange } from '../../capacity/capacityRange';
import { formatHours } from '../../capacity/capacitySummary';
import { formatNumber } from '../../locale/displayLanguage';
import { h, type VElement, type VNode } from '../../profile/view/vnode';
import type { CellData, ErrorData, GridProgress, GridView, PersonData, WeekColumn } from '../protocol';
import { dateText, progressText, RowState, showsCancel, showsRetryFailed, sortValue } from './gridModel';

/** The ids of the page's regions, which the script fills and updates. */
export const REGION = {
  title: 'grid-title',
  toolbar: 'grid-toolbar',
  progress: 'grid-progress',
  status: 'grid-status',
  controls: 'grid-controls',
  body: 'grid-body',
  popover: 'cell-days',
} as const;

/** How each status reads without colour: a symbol (decoration) and a word (for screen readers too). */
export function statusLabel(status: WeekStatus): { readonly symbol: string; readonly word: string } {
  switch (status) {
    case 'full':
      return { symbol: '●', word: l10n.t({ message: 'full week', comment: ['A week with all of the usual hours free'] }) };
    case 'part':
      return { symbol: '◐', word: l10n.t({ message: 'part', comment: ['A week with some of the usual hours free'] }) };
    case 'out':
      return { symbol: '○', word: l10n.t({ message: 'out', comment: ['A week with no hours: the person is away'] }) };
  }
}

/** The page's frame: a heading and empty regions, in reading order. */
export function renderFrame(title: string): VElement {
  return h(
    'div',
    { class: 'availability' },
    h('h1', { id: REGION.title }, title),
    h('div', { id: REGION.toolbar }),
    h('div', { id: REGION.progress, class: 'progress', role: 'status', 'data-testid': 'availability-progress' }),
    h('p', { id: REGION.status, class: 'export-status', role: 'status', 'data-testid': 'availability-status' }),
    h('div', { id: REGION.controls }),
    renderLegend(),
    h('div', { id: REGION.body, class: 'grid-body' }),
    h('div', { id: REGION.popover, class: 'popover', role: 'tooltip', hidden: '' }),
  );
}

/** Presets (one pressed), Refresh, Cancel while loading, Retry failed once finished with failures, exports. */
export function renderToolbar(preset: AvailabilityPreset | undefined, progress: GridProgress | undefined): VElement {
  const button = (action: string, label: string, attrs: Record<string, string> = {}) => h('button', { type: 'button', 'data-action': action, ...attrs }, label);
  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Availability actions') },
    h(
      'div',
      { class: 'presets', role: 'group', 'aria-label': l10n.t('Weeks to show') },
      AVAILABILITY_PRESETS.map(({ id }) => button('setPreset', availabilityPresetLabel(id), { 'data-preset': id, 'aria-pressed': String(preset === id) })),
    ),
    button('refresh', l10n.t({ message: 'Refresh', comment: ['A button: loads again'] })),
    showsCancel(progress) && button('cancel', l10n.t('Cancel')),
    showsRetryFailed(progress) && button('retryFailed', l10n.t('Retry failed ({0})', formatNumber(progress?.failed ?? 0))),
    button('copyMarkdown', l10n.t('Copy as Markdown')),
    button('saveCsv', l10n.t('Save as CSV…')),
  );
}

/** The progress line's content: its words, and a progress bar while rows are coming. */
export function renderProgress(progress: GridProgress | undefined): VNode[] {
  const bar =
    progress && !progress.finished
      ? h('progress', { max: String(Math.max(progress.total, 1)), value: String(progress.done), 'aria-label': l10n.t('People loaded') })
      : undefined;
  return [h('span', { class: 'progress-text' }, progressText(progress)), ...(bar ? [' ', bar] : [])];
}

function weekOptions(weeks: readonly WeekColumn[], selected: string, value: (index: number) => string, label: (week: WeekColumn) => string): VElement[] {
  return weeks.map((week, index) => h('option', { value: value(index), selected: value(index) === selected ? '' : undefined }, label(week)));
}

/** Sort by name or by a week's hours; show only people with at least so many hours in a week. */
export function renderViewControls(weeks: readonly WeekColumn[], view: GridView): VElement {
  const sorted = sortValue(view.sort);
  const filterWeek = String(view.filter?.week ?? (view.sort.kind === 'hours' ? view.sort.week : 0));
  return h(
    'div',
    { class: 'view-controls' },
    h(
      'div',
      { class: 'sort' },
      h('label', { for: 'sort-by' }, l10n.t('Sort by')),
      ' ',
      h(
        'select',
        { id: 'sort-by', 'data-control': 'sort' },
        h('option', { value: 'name', selected: sorted === 'name' ? '' : undefined }, l10n.t('Name')),
        weekOptions(weeks, sorted, (index) => `hours:${index}`, (week) => l10n.t('Hours in {0}', week.span)),
      ),
    ),
    h(
      'div',
      { class: 'filter', role: 'group', 'aria-label': l10n.t({ message: 'Filter', comment: ['The name of the group of controls that narrow the rows'] }) },
      h('label', { for: 'filter-hours' }, l10n.t({ message: 'At least', comment: ['Before a number field; reads "At least [8] h free in week [7 Dec – 13 Dec]"'] })),
      ' ',
      h('input', { id: 'filter-hours', type: 'number', min: '0', step: '0.5', inputmode: 'decimal', 'data-control': 'filter', value: view.filter ? String(view.filter.minHours) : '' }),
      ' ',
      h('label', { for: 'filter-week' }, l10n.t({ message: 'h free in week', comment: ['Between a number field and a list of weeks; reads "At least [8] h free in week [7 Dec – 13 Dec]"'] })),
      ' ',
      h('select', { id: 'filter-week', 'data-control': 'filter' }, weekOptions(weeks, filterWeek, String, (week) => week.span)),
      ' ',
      h('button', { type: 'button', 'data-action': 'clearFilter' }, l10n.t({ message: 'Clear', comment: ['A button: empties the filter'] })),
    ),
  );
}

/** The colours explained, each with its symbol and word, so the grid reads without colour. */
export function renderLegend(): VElement {
  const item = (status: WeekStatus, meaning: string) =>
    h(
      'li',
      { class: `legend-item status-${status}` },
      h('span', { class: 'swatch', 'data-status': status, 'aria-hidden': 'true' }, statusLabel(status).symbol),
      ' ',
      h('strong', {}, statusLabel(status).word),
      `: ${meaning}`,
    );
  return h(
    'div',
    { class: 'legend' },
    h('p', { id: 'legend-note' }, l10n.t("Each cell shows the hours free in a week out of the person's usual week (the hours they usually have on those days).")),
    h(
      'ul',
      { 'aria-label': l10n.t('Legend') },
      item('full', l10n.t({ message: 'all of the usual hours', comment: ['Legend: what a full week means'] })),
      item('part', l10n.t({ message: 'some of them', comment: ['Legend: what a part week means (some of the usual hours)'] })),
      item('out', l10n.t({ message: 'no hours', comment: ['Legend: what an out week means'] })),
    ),
  );
}

/** A column header: the week's days, its ISO id, and how many of its days are in the range when not all. */
export function renderWeekHeader(week: WeekColumn, index: number): VElement {
  return h(
    'th',
    { scope: 'col', role: 'columnheader', class: 'week', 'data-week': String(index) },
    h('span', { class: 'week-span' }, week.span),
    ' ',
    h('span', { class: 'week-id' }, week.id),
    week.dayCount < 7 && [' ', h('span', { class: 'week-part' }, partWeekText(week.dayCount))],
  );
}

/** `(part, 4 days)`: a week the range covers only some days of. */
function partWeekText(dayCount: number): string {
  const days = formatNumber(dayCount);
  return dayCount === 1 ? l10n.t('(part, {0} day)', days) : l10n.t('(part, {0} days)', days);
}

function caption(title: string, range: DateRange | undefined): VElement {
  return h('caption', { id: 'grid-caption' }, range ? l10n.t({ message: '{0}, {1} to {2}', args: [title, dateText(range.start), dateText(range.end)], comment: ["The table's caption: the grid's title, then its first and last day"] }) : title);
}

/**
 * The table without its people: caption, column headers, an empty body (rows are added one by one), totals.
 * The table roles are spelled out: the stylesheet lays rows out as grids (one row's change then costs one
 * row's layout), and some browsers drop a table's semantics when it is not displayed as a table.
 */
export function renderTableShell(title: string, range: DateRange | undefined, weeks: readonly WeekColumn[], totals: readonly number[]): VElement {
  const headers = weeks.length > 0 ? weeks.map(renderWeekHeader) : [h('th', { scope: 'col', role: 'columnheader', class: 'week' }, l10n.t('Weeks'))];
  return h(
    'div',
    { class: 'table-box' },
    h(
      'table',
      { id: 'availability-table', role: 'table', class: 'grid', 'data-testid': 'availability-table', 'aria-labelledby': 'grid-caption', 'aria-describedby': 'legend-note keys-note' },
      caption(title, range),
      h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, h('th', { scope: 'col', role: 'columnheader', class: 'person' }, l10n.t('Person')), headers)),
      h('tbody', { role: 'rowgroup' }),
      h('tfoot', { role: 'rowgroup' }, renderTotalsRow(weeks.length, totals)),
    ),
    h('p', { id: 'keys-note', class: 'keys-note' }, l10n.t('Arrow keys move between cells; a cell with hours lists its days.')),
  );
}

/** The whole table with its rows: what the page builds, in one piece (the page adds rows in batches). */
export function renderTable(
  grid: { readonly title: string; readonly range?: DateRange; readonly weeks: readonly WeekColumn[]; readonly people: readonly PersonData[] },
  rowOf: (userId: string) => RowState,
  totals: readonly number[],
  photoOf: (userId: string) => string | undefined = () => undefined,
): VElement {
  const shell = renderTableShell(grid.title, grid.range, grid.weeks, totals);
  const rows = grid.people.map((person) => renderPersonRow(person, grid.weeks.length, rowOf(person.id), photoOf(person.id)));
  return withTableBody(shell, rows);
}

function withTableBody(node: VElement, rows: readonly VElement[]): VElement {
  if (node.tag === 'tbody') {
    return { ...node, children: rows };
  }
  return { ...node, children: node.children.map((child) => (typeof child === 'string' ? child : withTableBody(child, rows))) };
}

/** A person's header cell: photo or initials, the name (a button opening the profile), the role. */
export function renderPersonHeader(person: PersonData, photo: string | undefined): VElement {
  return h(
    'th',
    { scope: 'row', role: 'rowheader', class: 'person' },
    renderAvatar(person, photo),
    h(
      'span',
      { class: 'identity' },
      h('button', { type: 'button', class: 'name', 'data-action': 'openProfile', 'data-user-id': person.id, 'data-nav': '', 'data-col': '0', tabindex: '-1' }, person.name),
      person.role && h('span', { class: 'role' }, person.role),
    ),
  );
}

export function renderAvatar(person: PersonData, photo: string | undefined): VElement {
  return photo ? h('img', { class: 'avatar', src: photo, alt: '' }) : h('span', { class: 'avatar initials', 'aria-hidden': 'true' }, person.initials);
}

/** One person's row: the header cell, then a cell per week (or the row's error across them). */
export function renderPersonRow(person: PersonData, weekCount: number, state: RowState, photo?: string): VElement {
  return h(
    'tr',
    { role: 'row', 'data-testid': `row-${person.id}`, 'data-user-id': person.id, 'data-state': state.kind },
    renderPersonHeader(person, photo),
    renderCells(person.id, weekCount, state),
  );
}

/** The cells after the header cell, for the row's state. */
export function renderCells(userId: string, weekCount: number, state: RowState): VElement[] {
  if (state.kind === 'error') {
    return [renderErrorCell(userId, weekCount, state.error)];
  }
  if (state.kind === 'loading') {
    return [renderLoadingCell(userId, weekCount)];
  }
  return Array.from({ length: Math.max(weekCount, 1) }, (_, index) => renderCell(userId, index, state.cells[index]));
}

/**
 * A row still waiting for its answer: one cell across the weeks (as an error is), not a placeholder per week.
 * Hundreds of rows are built before their answers come: two cells a row instead of fourteen keep that cheap.
 */
export function renderLoadingCell(userId: string, weekCount: number): VElement {
  return h(
    'td',
    { role: 'cell', class: 'cell loading', colspan: String(Math.max(weekCount, 1)), 'aria-busy': 'true', 'data-testid': `cell-${userId}-0`, 'data-nav': '', 'data-col': '1', tabindex: '-1' },
    l10n.t('Loading…'),
  );
}

/** A week of a person: its figures with a symbol and a word for the status (an empty cell without them). */
export function renderCell(userId: string, index: number, cell: CellData | undefined): VElement {
  const common = { role: 'cell', 'data-testid': `cell-${userId}-${index}`, 'data-week': String(index), 'data-nav': '', 'data-col': String(index + 1), tabindex: '-1' };
  if (!cell) {
    return h('td', { ...common, class: 'cell' });
  }
  const label = statusLabel(cell.status);
  return h(
    'td',
    { ...common, class: `cell status-${cell.status}`, 'data-status': cell.status },
    h('span', { class: 'symbol', 'aria-hidden': 'true' }, label.symbol),
    ' ',
    // The hours on the first line, `of 40 h` under them: a week's text fits its column without being cut.
    h('span', { class: 'value' }, h('span', { class: 'hours' }, formatHours(cell.hours)), cell.usualHours > 0 && [' ', h('span', { class: 'usual' }, usualHoursText(cell.usualHours))]),
    h('span', { class: 'visually-hidden' }, `, ${label.word}`),
  );
}

/** A row that could not be loaded: the message across the weeks, Retry, and Sign In when that would help. */
export function renderErrorCell(userId: string, weekCount: number, error: ErrorData): VElement {
  return h(
    'td',
    { role: 'cell', class: 'row-error', colspan: String(Math.max(weekCount, 1)), 'data-testid': `cell-${userId}-0`, 'data-nav': '', 'data-col': '1', tabindex: '-1' },
    h('span', { class: 'row-error-message' }, error.message),
    ' ',
    h('button', { type: 'button', 'data-action': 'retryRow', 'data-user-id': userId }, l10n.t('Retry')),
    error.canSignIn && [' ', h('button', { type: 'button', 'data-action': 'signIn' }, l10n.t('Sign In'))],
  );
}

/** Hours per week over the rows shown. */
export function renderTotalsRow(weekCount: number, totals: readonly number[]): VElement {
  return h(
    'tr',
    { role: 'row', class: 'totals' },
    h('th', { scope: 'row', role: 'rowheader', class: 'person' }, l10n.t('Total')),
    Array.from({ length: Math.max(weekCount, 1) }, (_, index) => h('td', { role: 'cell', 'data-testid': `total-${index}` }, weekCount > 0 ? formatHours(totals[index] ?? 0) : '')),
  );
}

/** The popover's content for a cell: its week, then `Mon 30 Nov 8 h` for each day. */
export function renderDays(week: WeekColumn | undefined, cell: CellData): VNode[] {
  return [
    h('p', { class: 'popover-title' }, week ? `${week.span}: ${cell.text}` : cell.text),
    h('ul', {}, cell.days.map((day) => h('li', {}, h('span', { class: 'day' }, day.label), ' ', h('span', { class: 'day-hours' }, formatHours(day.hours))))),
  ];
}

/** Instead of the grid when nothing can be loaded: the message, Retry, Sign In when it would help, logs. */
export function renderGridError(error: ErrorData): VElement {
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', {}, error.message),
    h('button', { type: 'button', 'data-action': 'refresh' }, l10n.t('Retry')),
    error.canSignIn && [' ', h('button', { type: 'button', 'data-action': 'signIn' }, l10n.t('Sign In'))],
    ' ',
    h('button', { type: 'button', 'data-action': 'showLogs' }, l10n.t('Show Logs')),
  );
}

export function renderWaiting(): VElement {
  return h('p', { class: 'loading' }, l10n.t('Loading people…'));
}
