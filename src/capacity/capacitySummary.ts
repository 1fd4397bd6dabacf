/**
 * What the capacity view shows for one `Capacity`: every day of the range, ISO weeks and totals, and how
 * hours and dates read in the display language. Pure (no `vscode`, no DOM), so the extension and the webview
 * bundle compute the same figures (each with the display language the extension set, see src/locale).
 */
import * as l10n from '@vscode/l10n';
import type { Capacity } from '../kantata/types';
import { fromDayNumber, isIsoDate, isoWeekLabel, isoWeekOf, toDayNumber, weekdayOf, weekdayOfDayNumber } from '../kantata/isoDate';
import { displayLanguage, formatDate, formatNumber } from '../locale/displayLanguage';

export interface CapacityDaySummary {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** Rounded to two decimals; 0 for a day Kantata left out. */
  readonly hours: number;
  /** Monday = 0 … Sunday = 6 (not JavaScript's Sunday = 0). */
  readonly weekday: number;
  /** Saturday or Sunday. */
  readonly isWeekend: boolean;
  readonly isZero: boolean;
  /** `Mon 23 Nov` in English, `Mo., 23. Nov.` in German: the display language's, never the machine's. */
  readonly label: string;
}

export interface CapacityWeekSummary {
  readonly isoYear: number;
  readonly isoWeek: number;
  /** `2026-W48` */
  readonly label: string;
  /** First date of the week inside the range (the Monday unless the range starts mid-week). */
  readonly start: string;
  /** Last date of the week inside the range (the Sunday unless the range ends mid-week). */
  readonly end: string;
  /** `23 Nov – 29 Nov` (`23. Nov. – 29. Nov.` in German), or `23 Nov` for a week of one day in the range. */
  readonly span: string;
  /** How many of the week's days are in the range: fewer than 7 at a range's ends. */
  readonly dayCount: number;
  readonly hours: number;
}

export interface CapacitySummary {
  readonly startDate: string;
  readonly endDate: string;
  /** Rounded to two decimals. */
  readonly totalHours: number;
  /** Every date from `startDate` to `endDate`, in order (none if `endDate` is before `startDate`). */
  readonly days: readonly CapacityDaySummary[];
  /** ISO 8601 weeks (Monday first) that the range touches, in order. */
  readonly weeks: readonly CapacityWeekSummary[];
  /** The most hours on any one day, 0 if none: the top of a chart's scale. */
  readonly maxDayHours: number;
  /** Days with more than 0 hours. */
  readonly workingDays: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How a date is written: with its weekday (`Mon 23 Nov`), short (`23 Nov`), or with its year (`3 Dec 2026`). */
type DateForm = 'day' | 'short' | 'long';

const DATE_FORM_OPTIONS: Readonly<Record<DateForm, Intl.DateTimeFormatOptions>> = {
  day: { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' },
  short: { day: 'numeric', month: 'short', timeZone: 'UTC' },
  long: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
};

/**
 * English keeps the extension's own fixed forms (`Mon 23 Nov`: day before month, as it always read); any other
 * display language writes dates its own way (`Mo., 23. Nov.`), through `Intl` (formatDate).
 */
function writesOwnEnglishDates(): boolean {
  return /^en(-|$)/i.test(displayLanguage());
}

function englishDate(date: string, form: DateForm, weekday: number): string {
  const [year, month, day] = date.split('-');
  const short = `${Number(day)} ${MONTHS[Number(month) - 1]}`;
  return form === 'day' ? `${WEEKDAYS[weekday]} ${short}` : form === 'long' ? `${short} ${year}` : short;
}

/** Dates already written in the display language: a grid writes the same few dates for each of its people. */
let written = { language: '', texts: new Map<string, string>() };
const MAX_WRITTEN = 5000;

function localDate(date: string, form: DateForm): string {
  const language = displayLanguage();
  if (written.language !== language || written.texts.size >= MAX_WRITTEN) {
    written = { language, texts: new Map() };
  }
  const key = `${form} ${date}`;
  let text = written.texts.get(key);
  if (text === undefined) {
    text = formatDate(new Date(`${date}T00:00:00Z`), DATE_FORM_OPTIONS[form]);
    written.texts.set(key, text);
  }
  return text;
}

/** `date` (`YYYY-MM-DD`, valid) in the display language; `weekday` (Monday = 0) saves working it out. */
function writeDate(date: string, form: DateForm, weekday = form === 'day' ? weekdayOf(date) : 0): string {
  return writesOwnEnglishDates() ? englishDate(date, form, weekday) : localDate(date, form);
}

/** `2026-11-23` → `23 Nov` (`23. Nov.` in German): a day without its weekday. */
export function shortDay(date: string): string {
  return writeDate(date, 'short');
}

/** `2026-12-03` → `3 Dec 2026` (`3. Dez. 2026` in German); the text itself when it is not a real `YYYY-MM-DD` date. */
export function longDate(date: string): string {
  return isIsoDate(date) ? writeDate(date, 'long') : date;
}

/**
 * Summarizes `capacity` over its whole range, in one pass over the days (a range is at most a year once the
 * client has kept only the asked days, but nothing here grows faster than the range). Kantata may omit days
 * with no capacity, so a missing date counts as 0 hours; entries outside the range are ignored, and two entries
 * for one date add up. Throws a RangeError if `startDate` or `endDate` is not a `YYYY-MM-DD` date.
 */
export function summarizeCapacity(capacity: Capacity): CapacitySummary {
  const first = toDayNumber(capacity.startDate);
  const last = toDayNumber(capacity.endDate);
  const reported = new Map<string, number>();
  for (const { date, hours } of capacity.days) {
    reported.set(date, (reported.get(date) ?? 0) + (Number.isFinite(hours) ? hours : 0));
  }

  const days: CapacityDaySummary[] = [];
  const weeks: CapacityWeekSummary[] = [];
  let week: { isoYear: number; isoWeek: number; start: string; end: string; dayCount: number; hours: number } | undefined;
  const closeWeek = () => {
    if (week) {
      const span = week.dayCount === 1 ? shortDay(week.start) : `${shortDay(week.start)} – ${shortDay(week.end)}`;
      const { isoYear, isoWeek, start, end, dayCount } = week;
      weeks.push({ isoYear, isoWeek, label: isoWeekLabel(week), start, end, span, dayCount, hours: roundHours(week.hours) });
    }
  };
  let total = 0;
  let maxDayHours = 0;
  let workingDays = 0;
  for (let dayNumber = first; dayNumber <= last; dayNumber++) {
    const date = fromDayNumber(dayNumber);
    const weekday = weekdayOfDayNumber(dayNumber);
    const hours = roundHours(reported.get(date) ?? 0);
    const label = writeDate(date, 'day', weekday);
    days.push({ date, hours, weekday, isWeekend: weekday >= 5, isZero: hours === 0, label });
    // Sum the rounded day figures (rounded again at the end), so the totals agree with the days shown.
    total += hours;
    maxDayHours = Math.max(maxDayHours, hours);
    workingDays += hours > 0 ? 1 : 0;

    if (week && weekday !== 0) {
      week.end = date;
      week.dayCount++;
      week.hours += hours;
    } else {
      closeWeek();
      week = { ...isoWeekOf(date), start: date, end: date, dayCount: 1, hours };
    }
  }
  closeWeek();

  return {
    startDate: capacity.startDate,
    endDate: capacity.endDate,
    totalHours: roundHours(total),
    days,
    weeks,
    maxDayHours,
    workingDays,
  };
}

/** Hour amounts as the capacity view shows them. Pure: no `vscode`, no DOM. */

/**
 * Hours to two decimals, so sums of binary fractions read as the user expects (7.999999999 → 8,
 * 0.1 + 0.2 → 0.3). Two decimals keep every quarter and tenth of an hour Kantata may report.
 */
export function roundHours(hours: number): number {
  // `+ 0` turns -0 (from rounding a tiny negative) into 0, which would otherwise print as "-0".
  return Math.round(hours * 100) / 100 + 0;
}

/** `7.5`, `1,234.25` (`1.234,25` in German): hours to at most two decimals, as the display language writes numbers. */
export function formatHoursNumber(hours: number): string {
  return formatNumber(roundHours(hours), { maximumFractionDigits: 2 });
}

/** `7.5 h`, `0 h`, `1,234.25 h` (`7,5 Std.` in German): at most two decimals, in the display language. */
export function formatHours(hours: number): string {
  return l10n.t('{0} h', formatHoursNumber(hours));
}
