/**
 * Date ranges for the capacity view: the quick presets and the check made before any request.
 * Pure (no `vscode`, no DOM): the webview bundle validates with the same rules as the extension.
 */
import * as l10n from '@vscode/l10n';
import { addDays, dateOfDayNumber, dayNumberOf, daysInMonth, formatIsoDate, isIsoDate, parseIsoDate, toDayNumber, todayIso, weekdayOf } from '../kantata/isoDate';
import { formatNumber } from '../locale/displayLanguage';

export { addDays, daysBetweenInclusive, isoWeekOf, todayIso } from '../kantata/isoDate';

/** The quick ranges, in the order the UI offers them: the one declaration of their ids (labels: capacityPresetLabel). */
export const CAPACITY_PRESETS = [{ id: 'thisWeek' }, { id: 'next2Weeks' }, { id: 'thisMonth' }, { id: 'next3Months' }] as const;

export type CapacityPreset = (typeof CAPACITY_PRESETS)[number]['id'];

/** A preset's button label, in the display language (read when shown: see src/locale). */
export function capacityPresetLabel(preset: CapacityPreset): string {
  switch (preset) {
    case 'thisWeek':
      return l10n.t('This week');
    case 'next2Weeks':
      return l10n.t('Next 2 weeks');
    case 'thisMonth':
      return l10n.t('This month');
    case 'next3Months':
      return l10n.t('Next 3 months');
  }
}

/** The preset a capacity view opens with when the setting says nothing usable. */
export const DEFAULT_CAPACITY_PRESET: CapacityPreset = 'next2Weeks';

export function isPreset(value: unknown): value is CapacityPreset {
  return CAPACITY_PRESETS.some(({ id }) => id === value);
}

/** The longest range one request may cover, both ends counted. */
export const MAX_RANGE_DAYS = 366;

export interface DateRange {
  /** `YYYY-MM-DD`, inclusive */
  readonly start: string;
  /** `YYYY-MM-DD`, inclusive */
  readonly end: string;
}

/**
 * The range a preset stands for, seen from `today`: a `Date` is read on the local calendar (so
 * 23:30 on 25 March is still 25 March), a string must already be `YYYY-MM-DD`.
 */
export function presetRange(preset: CapacityPreset, today: Date | string): DateRange {
  const start = typeof today === 'string' ? today : todayIso(today);
  const date = parseIsoDate(start);
  if (!date) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(today)}`);
  }
  switch (preset) {
    case 'thisWeek': {
      const monday = addDays(start, -weekdayOf(start));
      return { start: monday, end: addDays(monday, 6) };
    }
    case 'next2Weeks':
      return { start, end: addDays(start, 13) };
    case 'thisMonth':
      return {
        start: formatIsoDate({ ...date, day: 1 }),
        end: formatIsoDate({ ...date, day: daysInMonth(date.year, date.month) }),
      };
    case 'next3Months': {
      // Ends the day before the same day three months on, as 'next2Weeks' ends the day before day 15.
      // That day is clamped to its month's end: from 30 Nov it is 28 Feb (29 in a leap year).
      const monthIndex = date.month - 1 + 3;
      const year = date.year + Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      const sameDay = dayNumberOf({ year, month, day: Math.min(date.day, daysInMonth(year, month)) });
      return { start, end: formatIsoDate(dateOfDayNumber(sameDay - 1)) };
    }
  }
}

export type RangeCheck =
  | { readonly ok: true; readonly start: string; readonly end: string; readonly days: number }
  | { readonly ok: false; readonly message: string; readonly field?: 'start' | 'end' };

function checkDate(value: string, field: 'start' | 'end'): RangeCheck | undefined {
  if (value === '') {
    return { ok: false, message: field === 'start' ? l10n.t('Enter a start date.') : l10n.t('Enter an end date.'), field };
  }
  if (!isIsoDate(value)) {
    // Say which form we want only when the form is wrong; for 2026-02-30 the form is not the problem.
    const wellFormed = /^\d{4}-\d{2}-\d{2}$/.test(value);
    return { ok: false, message: wellFormed ? l10n.t('{0} is not a date.', value) : l10n.t('{0} is not a date. Use the form YYYY-MM-DD, e.g. 2026-03-09.', value), field };
  }
  return undefined;
}

/**
 * Whether `start`..`end` (inclusive, `YYYY-MM-DD`) may be requested; on failure a message for the
 * user and the field to point at. Surrounding blanks are ignored, so the dates returned are trimmed.
 */
export function validateRange(start: string, end: string): RangeCheck {
  const [from, to] = [start.trim(), end.trim()];
  const problem = checkDate(from, 'start') ?? checkDate(to, 'end');
  if (problem) {
    return problem;
  }
  const days = toDayNumber(to) - toDayNumber(from) + 1;
  if (days < 1) {
    return { ok: false, message: l10n.t('The end date is before the start date.'), field: 'end' };
  }
  if (days > MAX_RANGE_DAYS) {
    return { ok: false, message: l10n.t('Choose at most {0} days (this range has {1}).', formatNumber(MAX_RANGE_DAYS), formatNumber(days)), field: 'end' };
  }
  return { ok: true, start: from, end: to, days };
}
