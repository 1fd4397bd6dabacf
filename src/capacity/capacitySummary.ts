/**
 * What the capacity view shows for one `Capacity`: every day of the range, ISO weeks and totals.
 * Pure (no `vscode`, no DOM), so the extension and the webview bundle compute the same figures.
 */
import type { Capacity } from '../kantata/types';
import { fromDayNumber, isoWeekLabel, isoWeekOf, toDayNumber, weekdayOfDayNumber } from './isoDate';
import { roundHours } from './hours';

export { formatHours, roundHours } from './hours';

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

/**
 * Summarizes `capacity` over its whole range. Kantata may omit days with no capacity, so a missing
 * date counts as 0 hours; entries outside the range are ignored, and two entries for one date add up.
 * Throws a RangeError if `startDate` or `endDate` is not a `YYYY-MM-DD` date.
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
  for (let dayNumber = first; dayNumber <= last; dayNumber++) {
    const date = fromDayNumber(dayNumber);
    const weekday = weekdayOfDayNumber(dayNumber);
    const hours = roundHours(reported.get(date) ?? 0);
    days.push({ date, hours, weekday, isWeekend: weekday >= 5, isZero: hours === 0, label: dayLabel(date, weekday) });

    const week = weeks[weeks.length - 1];
    if (week && weekday !== 0) {
      weeks[weeks.length - 1] = { ...week, end: date, hours: week.hours + hours };
    } else {
      const isoWeek = isoWeekOf(date);
      weeks.push({ ...isoWeek, label: isoWeekLabel(isoWeek), start: date, end: date, hours });
    }
  }

  // Sum the rounded day figures, then round again, so the totals agree with the days shown.
  const total = days.reduce((sum, day) => sum + day.hours, 0);
  return {
    startDate: capacity.startDate,
    endDate: capacity.endDate,
    totalHours: roundHours(total),
    days,
    weeks: weeks.map((week) => ({ ...week, hours: roundHours(week.hours) })),
    maxDayHours: days.reduce((max, day) => Math.max(max, day.hours), 0),
    workingDays: days.filter((day) => day.hours > 0).length,
  };
}
