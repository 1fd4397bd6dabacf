/**
 * What the capacity view shows for one `Capacity`: every day of the range, ISO weeks and totals.
 * Pure (no `vscode`, no DOM), so the extension and the webview bundle compute the same figures.
 */
import type { Capacity } from '../kantata/types';
import { fromDayNumber, isoWeekLabel, isoWeekOf, toDayNumber, weekdayOfDayNumber } from '../kantata/isoDate';

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
  /** `Mon 23 Nov`: fixed English, so it does not vary with the machine's locale. */
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
  /** `23 Nov – 29 Nov`, or `23 Nov` for a week of one day in the range. */
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

function dayLabel(date: string, weekday: number): string {
  const [, month, day] = date.split('-');
  return `${WEEKDAYS[weekday]} ${Number(day)} ${MONTHS[Number(month) - 1]}`;
}

/** "Mon 23 Nov" → "23 Nov": a day label without its weekday. */
export function shortDay(label: string): string {
  return label.slice(label.indexOf(' ') + 1);
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
  let week: { isoYear: number; isoWeek: number; start: string; startLabel: string; end: string; endLabel: string; dayCount: number; hours: number } | undefined;
  const closeWeek = () => {
    if (week) {
      const span = week.dayCount === 1 ? shortDay(week.startLabel) : `${shortDay(week.startLabel)} – ${shortDay(week.endLabel)}`;
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
    const label = dayLabel(date, weekday);
    days.push({ date, hours, weekday, isWeekend: weekday >= 5, isZero: hours === 0, label });
    // Sum the rounded day figures (rounded again at the end), so the totals agree with the days shown.
    total += hours;
    maxDayHours = Math.max(maxDayHours, hours);
    workingDays += hours > 0 ? 1 : 0;

    if (week && weekday !== 0) {
      week.end = date;
      week.endLabel = label;
      week.dayCount++;
      week.hours += hours;
    } else {
      closeWeek();
      week = { ...isoWeekOf(date), start: date, startLabel: label, end: date, endLabel: label, dayCount: 1, hours };
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

const formats = new Map<string, Intl.NumberFormat>();

/**
 * `7.5 h`, `0 h`, `1,234.25 h`: at most two decimals, grouped the way `locale` writes numbers
 * (the runtime's default locale when omitted; tests pass one so they do not depend on the machine).
 */
export function formatHours(hours: number, locale?: string): string {
  const key = locale ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    formats.set(key, format);
  }
  return `${format.format(roundHours(hours))} h`;
}
