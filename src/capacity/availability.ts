/**
 * Team availability (issue 19), the pure part: the weeks a grid shows, each person's usual week, how a week
 * compares with it, sorting and filtering, and the grid as Markdown or CSV. No `vscode`, no DOM: the
 * extension and the page compute the same figures, and unit tests cover them without VS Code.
 */
import * as l10n from '@vscode/l10n';
import type { Capacity } from '../kantata/types';
import { addDays, todayIso, weekdayOf } from '../kantata/isoDate';
import { compareText } from '../locale/displayLanguage';
import type { DateRange } from './capacityRange';
import { type CapacityWeekSummary, formatHours, formatHoursNumber, roundHours, summarizeCapacity } from './capacitySummary';

/** The ranges the grid offers, in the order the UI offers them (labels: availabilityPresetLabel). */
export const AVAILABILITY_PRESETS = [
  { id: 'next2Weeks', weeks: 2 },
  { id: 'next6Weeks', weeks: 6 },
  { id: 'next13Weeks', weeks: 13 },
] as const;

export type AvailabilityPreset = (typeof AVAILABILITY_PRESETS)[number]['id'];

/** A preset's button label, in the display language (read when shown: see src/locale). */
export function availabilityPresetLabel(preset: AvailabilityPreset): string {
  switch (preset) {
    case 'next2Weeks':
      return l10n.t('Next 2 weeks');
    case 'next6Weeks':
      return l10n.t('Next 6 weeks');
    case 'next13Weeks':
      return l10n.t('Next 13 weeks');
  }
}

/**
 * From `today` to the Sunday that ends the preset's last ISO week: this week's remaining days, then whole
 * weeks. So a column is a calendar week, and the first one only counts the days still to come.
 */
export function availabilityRange(preset: AvailabilityPreset, today: Date | string): DateRange {
  const start = typeof today === 'string' ? today : todayIso(today);
  const weeks = AVAILABILITY_PRESETS.find(({ id }) => id === preset)?.weeks ?? 2;
  const daysToSunday = 6 - weekdayOf(start);
  return { start, end: addDays(start, daysToSunday + 7 * (weeks - 1)) };
}

/**
 * A person's usual hours on each weekday (Monday = 0): on each weekday, the figure that occurs most often
 * among the days with hours (a tie goes to the larger one). Holidays and leave are exceptions, so they lose
 * to the usual figure; a weekday never worked in the range is 0. All zero: no usual week could be seen.
 */
export function usualWeekdayHours(capacity: Capacity): readonly number[] {
  const counts = Array.from({ length: 7 }, () => new Map<number, number>());
  for (const day of summarizeCapacity(capacity).days) {
    if (day.hours > 0) {
      const seen = counts[day.weekday] as Map<number, number>;
      seen.set(day.hours, (seen.get(day.hours) ?? 0) + 1);
    }
  }
  return counts.map((seen) => {
    let best = 0;
    let bestCount = 0;
    for (const [hours, count] of seen) {
      if (count > bestCount || (count === bestCount && hours > best)) {
        [best, bestCount] = [hours, count];
      }
    }
    return best;
  });
}

/** How a week compares with the person's usual hours for the same days: `out` means no hours at all. */
export type WeekStatus = 'full' | 'part' | 'out';

export interface AvailabilityCell {
  readonly week: string;
  readonly hours: number;
  /** The usual hours of the week's days in the range (fewer days at the range's ends). */
  readonly usualHours: number;
  /** hours ÷ usualHours, when there is a usual figure. */
  readonly share: number | undefined;
  readonly status: WeekStatus;
  /** `32 h of 40 h` (`32 Std. von 40 Std.` in German): the cell's text, so it reads without colour. */
  readonly text: string;
}

/** What counts as a full week: within a quarter of an hour of the usual figure, or above it. */
const FULL_TOLERANCE_HOURS = 0.25;

/** One person's row: a cell per ISO week of the range, in order. */
export function availabilityCells(capacity: Capacity): AvailabilityCell[] {
  const usual = usualWeekdayHours(capacity);
  const summary = summarizeCapacity(capacity);
  return summary.weeks.map((week) => {
    const days = summary.days.filter((day) => day.date >= week.start && day.date <= week.end);
    const usualHours = roundHours(days.reduce((sum, day) => sum + (usual[day.weekday] ?? 0), 0));
    return cell(week, usualHours);
  });
}

function cell(week: CapacityWeekSummary, usualHours: number): AvailabilityCell {
  const status: WeekStatus = week.hours <= 0 ? 'out' : week.hours + FULL_TOLERANCE_HOURS >= usualHours ? 'full' : 'part';
  return {
    week: week.label,
    hours: week.hours,
    usualHours,
    share: usualHours > 0 ? week.hours / usualHours : undefined,
    status,
    text: usualHours > 0 ? l10n.t('{0} h of {1} h', formatHoursNumber(week.hours), formatHoursNumber(usualHours)) : formatHours(week.hours),
  };
}

/**
 * `of 40 h`: the second line of a cell, under its hours (`32 h`); the two lines read as the cell's text
 * (`32 h of 40 h`), which the page also shows whole.
 */
export function usualHoursText(usualHours: number): string {
  return l10n.t({ message: 'of {0} h', args: [formatHoursNumber(usualHours)], comment: ['The second line of a Team Availability cell, under its hours ("32 h"): together they read "32 h of 40 h".'] });
}

export interface AvailabilityRow {
  readonly userId: string;
  readonly name: string;
  readonly role?: string;
  readonly cells: readonly AvailabilityCell[];
}

/**
 * The least a row needs to be summed, sorted and filtered: the grid's own rows (AvailabilityRow) and the
 * page's (whose cells carry more) both fit, and a row whose answer has not come yet has no cells.
 */
export interface GridRowLike {
  readonly userId: string;
  readonly name: string;
  readonly cells: readonly { readonly hours: number }[];
}

/** Totals per week over the rows that have their cells, in week order. */
export function weekTotals(rows: readonly GridRowLike[]): number[] {
  const totals: number[] = [];
  for (const row of rows) {
    row.cells.forEach((cell, index) => {
      totals[index] = roundHours((totals[index] ?? 0) + cell.hours);
    });
  }
  return totals;
}

/**
 * By name (the display language's order, numbers as numbers: compareText), or by hours in a week, most first,
 * then by name. A row without cells (still loading) comes after every row with them.
 */
export function sortRows<R extends GridRowLike>(rows: readonly R[], by: { readonly kind: 'name' } | { readonly kind: 'hours'; readonly week: number }): R[] {
  const byName = (a: R, b: R) => compareText(a.name, b.name) || a.userId.localeCompare(b.userId);
  if (by.kind === 'name') {
    return [...rows].sort(byName);
  }
  const hours = (row: R) => row.cells[by.week]?.hours ?? -1;
  return [...rows].sort((a, b) => hours(b) - hours(a) || byName(a, b));
}

/** The rows with at least `minHours` in week number `week` (0 = the first column). */
export function filterRows<R extends GridRowLike>(rows: readonly R[], week: number, minHours: number): R[] {
  return rows.filter((row) => (row.cells[week]?.hours ?? 0) >= minHours);
}

/** A table cell's text: one line, pipes and backslashes escaped, nothing a renderer would take for markup. */
function markdownCell(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/([\\|`*_[\]<>#!~])/g, '\\$1')
    .trim();
}

/**
 * The grid as a Markdown table: person, role, one column per week (hours of usual), and a totals row. People
 * read it: headers and hours in the display language.
 */
export function availabilityMarkdown(weeks: readonly string[], rows: readonly AvailabilityRow[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const totals = weekTotals(rows);
  return [
    line([markdownCell(l10n.t('Person')), markdownCell(l10n.t('Role')), ...weeks.map(markdownCell)]),
    line(['---', '---', ...weeks.map(() => '---:')]),
    ...rows.map((row) => line([markdownCell(row.name), markdownCell(row.role ?? ''), ...row.cells.map((cell) => markdownCell(cell.text))])),
    line([`**${markdownCell(l10n.t('Total'))}**`, '', ...weeks.map((_, index) => markdownCell(formatHours(totals[index] ?? 0)))]),
  ].join('\n');
}

/**
 * A CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled, RFC 4180), and a
 * leading `=`, `+`, `-`, `@`, tab or carriage return neutralised with an apostrophe, so a spreadsheet never
 * runs a name as a formula.
 */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The grid as CSV: person, role, then for each week its hours and the usual hours, then a totals line. The
 * headers are in the display language; the figures stay plain numbers (`7.5`) that any spreadsheet reads.
 */
export function availabilityCsv(weeks: readonly string[], rows: readonly AvailabilityRow[]): string {
  const line = (fields: readonly (string | number)[]) => fields.map((field) => (typeof field === 'number' ? String(field) : csvField(field))).join(',');
  const totals = weekTotals(rows);
  return [
    line([l10n.t('Person'), l10n.t('Role'), ...weeks.flatMap((week) => [l10n.t('{0} hours', week), l10n.t('{0} usual', week)])]),
    ...rows.map((row) => line([row.name, row.role ?? '', ...row.cells.flatMap((cell) => [cell.hours, cell.usualHours])])),
    line([l10n.t('Total'), '', ...weeks.flatMap((_, index) => [totals[index] ?? 0, ''])]),
  ].join('\r\n');
}
