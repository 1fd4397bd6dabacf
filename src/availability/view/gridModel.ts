/**
 * The Team Availability page's own facts, pure: what a row is while it loads, how the view (sort, filter)
 * is read from the controls and kept valid for the weeks shown, and the wording of the progress line.
 * No DOM, no vscode: the page script and the unit tests share it.
 */
import * as l10n from '@vscode/l10n';
import { filterRows, type GridRowLike, sortRows } from '../../capacity/availability';
import { longDate } from '../../capacity/capacitySummary';
import { formatNumber } from '../../locale/displayLanguage';
import type { CellData, ErrorData, GridProgress, GridView } from '../protocol';

/** One person's row on the page: waiting for its answer, its cells, or why it could not be loaded. */
export type RowState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly cells: readonly CellData[] }
  | { readonly kind: 'error'; readonly error: ErrorData };

export const LOADING: RowState = { kind: 'loading' };

export const DEFAULT_VIEW: GridView = { sort: { kind: 'name' } };

/** The view with any week the grid no longer has dropped (fewer weeks after another preset). */
export function fitView(view: GridView | undefined, weekCount: number): GridView {
  if (!view) {
    return DEFAULT_VIEW;
  }
  const sort = view.sort.kind === 'hours' && view.sort.week >= weekCount ? DEFAULT_VIEW.sort : view.sort;
  const filter = view.filter && view.filter.week < weekCount ? view.filter : undefined;
  return filter ? { sort, filter } : { sort };
}

/** Whether an answer coming in can move rows: the order or the filter depends on hours. */
export function viewDependsOnHours(view: GridView): boolean {
  return view.sort.kind === 'hours' || view.filter !== undefined;
}

/** The rows the view shows, in its order (the same rule the extension applies to Copy and Save). */
export function applyView<R extends GridRowLike>(rows: readonly R[], view: GridView): R[] {
  const shown = view.filter ? filterRows(rows, view.filter.week, view.filter.minHours) : rows;
  return sortRows(shown, view.sort);
}

/**
 * What applyView gives, from rows already sorted by name: no name is compared again (the page orders its
 * rows at every frame in which answers came). A stable sort by hours keeps name order among equal hours.
 */
export function applyViewToNamed<R extends GridRowLike>(byName: readonly R[], view: GridView): R[] {
  const shown = view.filter ? filterRows(byName, view.filter.week, view.filter.minHours) : [...byName];
  if (view.sort.kind === 'hours') {
    const week = view.sort.week;
    const hours = (row: R) => row.cells[week]?.hours ?? -1;
    shown.sort((a, b) => hours(b) - hours(a));
  }
  return shown;
}

/** The sort select's value for a sort: `name`, or `hours:2` for the third week. */
export function sortValue(sort: GridView['sort']): string {
  return sort.kind === 'name' ? 'name' : `hours:${sort.week}`;
}

function weekIndex(text: string, weekCount: number): number | undefined {
  const index = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  return index < weekCount ? index : undefined;
}

/**
 * The view the controls describe: the sort select's value, the hours typed (empty or not a number ≥ 0: no
 * filter) and the filter's week.
 */
export function viewFromControls(sortText: string, minHoursText: string, filterWeekText: string, weekCount: number): GridView {
  const sortWeek = sortText.startsWith('hours:') ? weekIndex(sortText.slice('hours:'.length), weekCount) : undefined;
  const sort: GridView['sort'] = sortWeek === undefined ? { kind: 'name' } : { kind: 'hours', week: sortWeek };
  const minHours = minHoursText.trim() === '' ? NaN : Number(minHoursText);
  const week = weekIndex(filterWeekText, weekCount);
  const filter = Number.isFinite(minHours) && minHours >= 0 && week !== undefined ? { week, minHours } : undefined;
  return filter ? { sort, filter } : { sort };
}

/** What the progress line says: while loading, once finished, and after a cancel. Whole sentences, counts in the display language. */
export function progressText(progress: GridProgress | undefined): string {
  if (!progress) {
    return l10n.t('Loading…');
  }
  const [loaded, total, failed] = [progress.done - progress.failed, progress.total, progress.failed].map((count) => formatNumber(count)) as [string, string, string];
  if (progress.cancelled) {
    return progress.failed > 0 ? l10n.t('Cancelled: {0} of {1} loaded · {2} failed', loaded, total, failed) : l10n.t('Cancelled: {0} of {1} loaded', loaded, total);
  }
  if (!progress.finished) {
    return loadingText(loaded, total, progress.total === 1, progress.failed > 0 ? failed : undefined);
  }
  if (progress.failed === 0) {
    return progress.total === 0 ? l10n.t('No people to show') : l10n.t('All {0} loaded', total);
  }
  return l10n.t('{0} of {1} loaded · {2} failed', loaded, total, failed);
}

/** `Loaded 3 of 50 people`, and `· 1 failed` when some did. */
function loadingText(loaded: string, total: string, onePerson: boolean, failed: string | undefined): string {
  if (failed === undefined) {
    return onePerson ? l10n.t('Loaded {0} of {1} person', loaded, total) : l10n.t('Loaded {0} of {1} people', loaded, total);
  }
  return onePerson ? l10n.t('Loaded {0} of {1} person · {2} failed', loaded, total, failed) : l10n.t('Loaded {0} of {1} people · {2} failed', loaded, total, failed);
}

export function showsCancel(progress: GridProgress | undefined): boolean {
  return progress !== undefined && !progress.finished;
}

export function showsRetryFailed(progress: GridProgress | undefined): boolean {
  return progress !== undefined && progress.finished && progress.failed > 0;
}

/** Before the first progress message: nobody loaded yet. */
export function startingProgress(total: number): GridProgress {
  return { done: 0, failed: 0, total, finished: total === 0, cancelled: false };
}

/** `3 Dec 2026` (`3. Dez. 2026` in German) from `2026-12-03`; the ISO text itself when it is not one. */
export function dateText(iso: string): string {
  return longDate(iso);
}
