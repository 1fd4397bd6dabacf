/**
 * Calendar dates as `YYYY-MM-DD` strings, with the arithmetic done on whole day numbers.
 *
 * Why not `Date`: a `Date` is an instant, so adding 24 hours across a daylight-saving change, or
 * reading it back in another time zone, can land on the wrong day. A day number (days since
 * 1970-01-01 in the proleptic Gregorian calendar) has no time of day and no time zone, so it never
 * shifts. Only `todayIso` looks at a `Date`, and it reads the local calendar date from it.
 *
 * Pure: no `vscode`, no DOM; used by the extension and by the webview bundle.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a real calendar date written exactly `YYYY-MM-DD`, else `undefined` ('2026-02-30', '2026-2-3'). */
export function parseIsoDate(iso: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(iso);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

export function isIsoDate(iso: string): boolean {
  return parseIsoDate(iso) !== undefined;
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseOrThrow(iso: string): CalendarDate {
  const date = parseIsoDate(iso);
  if (!date) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  }
  return date;
}

/**
 * Days since 1970-01-01. Integer-only (Howard Hinnant's days_from_civil), so it behaves the same
 * for every year, unlike `Date.UTC`, which reads years 0–99 as 1900–1999.
 */
export function dayNumberOf(date: CalendarDate): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of `dayNumberOf` (Hinnant's civil_from_days). */
export function dateOfDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws a RangeError if it is not one. */
export function toDayNumber(iso: string): number {
  return dayNumberOf(parseOrThrow(iso));
}

export function fromDayNumber(dayNumber: number): string {
  return formatIsoDate(dateOfDayNumber(dayNumber));
}

/** `iso` moved by `n` whole days (negative goes back). */
export function addDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) {
    throw new RangeError(`Not a whole number of days: ${n}`);
  }
  return fromDayNumber(toDayNumber(iso) + n);
}

/** How many dates from `a` to `b`, both counted: the same date gives 1; `b` before `a` gives 0 or less. */
export function daysBetweenInclusive(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a) + 1;
}

/** Day of the week, Monday = 0 … Sunday = 6 (1970-01-01, day 0, was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Day of the week of a `YYYY-MM-DD` date, Monday = 0 … Sunday = 6. */
export function weekdayOf(iso: string): number {
  return weekdayOfDayNumber(toDayNumber(iso));
}

export interface IsoWeek {
  /** The ISO week-numbering year, which differs from the calendar year near 1 January. */
  readonly isoYear: number;
  /** 1–53 */
  readonly isoWeek: number;
}

/**
 * ISO 8601 week of a date. A week (Monday first) belongs to the year that holds its Thursday,
 * so 2024-12-30 is 2025-W01 and 2027-01-01 is 2026-W53.
 */
export function isoWeekOf(iso: string): IsoWeek {
  const dayNumber = toDayNumber(iso);
  const thursday = dayNumber - weekdayOfDayNumber(dayNumber) + 3;
  const isoYear = dateOfDayNumber(thursday).year;
  const firstOfYear = dayNumberOf({ year: isoYear, month: 1, day: 1 });
  return { isoYear, isoWeek: Math.floor((thursday - firstOfYear) / 7) + 1 };
}

/** `2026-W48`: the ISO 8601 week notation. */
export function isoWeekLabel({ isoYear, isoWeek }: IsoWeek): string {
  return `${isoYear}-W${String(isoWeek).padStart(2, '0')}`;
}

/** Today's date on this machine's calendar (local time zone), as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return formatIsoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
