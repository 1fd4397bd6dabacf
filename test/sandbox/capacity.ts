import type { ApiResponse, RequestContext } from './context';
import { validationFailed } from './errors';
import type { FieldProblem } from './errors';
import type { Dataset, UserRecord } from './model';
import { lastValue } from './query';
import { findVisibleUser } from './users';

/** Longest range one capacity request may ask for, inclusive of both ends. */
export const MAX_CAPACITY_DAYS = 366;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) for a real calendar date in YYYY-MM-DD form, else undefined. */
export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 2025-02-30 over into March: a real date survives the round trip unchanged.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return ms / DAY_MS;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Weeks counted from Monday 1969-12-29, so that every week starts on a Monday. */
function weekIndexOf(day: number): number {
  return Math.floor((day + 3) / 7);
}

function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): number {
  const first = dayOf(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + (nth - 1) * 7;
}

function lastWeekdayOfMonth(year: number, month: number, weekday: number): number {
  const last = dayOf(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/**
 * The account's holiday calendar, the same every year: New Year's Day, the last Monday of May, the first
 * Monday of September, a seed-chosen company day, Christmas Eve (half day), Christmas Day and Boxing Day.
 */
export function holidayFraction(day: number, companyDay: Dataset['companyDay']): number {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  const full = [
    dayOf(year, 1, 1),
    lastWeekdayOfMonth(year, 5, 1),
    nthWeekdayOfMonth(year, 9, 1, 1),
    dayOf(year, companyDay.month, companyDay.day),
    dayOf(year, 12, 25),
    dayOf(year, 12, 26),
  ];
  if (full.includes(day)) {
    return 1;
  }
  return day === dayOf(year, 12, 24) ? 0.5 : 0;
}

/** The share of the day the user has off by their own time-off rules (0, 0.5 or 1). */
export function timeOffFraction(user: UserRecord, day: number): number {
  let fraction = 0;
  const year = new Date(day * DAY_MS).getUTCFullYear();
  for (const rule of user.timeOff) {
    if (rule.kind === 'recurring') {
      if (weekdayOf(day) === rule.weekday && weekIndexOf(day) % rule.everyWeeks === rule.phase) {
        fraction = Math.max(fraction, rule.fraction);
      }
    } else {
      // A leave that starts late in December runs into the next year.
      for (const startYear of [year, year - 1]) {
        const start = dayOf(startYear, rule.month, rule.day);
        if (day >= start && day < start + rule.days) {
          fraction = 1;
        }
      }
    }
  }
  return fraction;
}

/** Working hours available on a day: the workweek's minutes, less holidays (account members only) and time off. */
export function capacityHours(user: UserRecord, day: number, companyDay: Dataset['companyDay']): number {
  const minutes = user.workweek[weekdayOf(day)] ?? 0;
  if (minutes === 0) {
    return 0;
  }
  const holiday = user.accountMembership === undefined ? 0 : holidayFraction(day, companyDay);
  const off = Math.min(1, holiday + timeOffFraction(user, day));
  return Math.round((minutes / 60) * (1 - off) * 100) / 100;
}

function dateParam(context: RequestContext, name: 'start_date' | 'end_date', problems: FieldProblem[]): number | undefined {
  const raw = lastValue(context.query, name);
  if (raw === undefined) {
    problems.push({ field: name, message: "can't be blank" });
    return undefined;
  }
  const day = parseIsoDate(raw);
  if (day === undefined) {
    problems.push({ field: name, message: 'must be a valid date in YYYY-MM-DD format' });
  }
  return day;
}

/** GET /users/{id}/capacity: `{start_date, end_date, hours: {date: hours}}`, not the envelope. */
export function getCapacity(context: RequestContext): ApiResponse {
  const user = findVisibleUser(context);
  const problems: FieldProblem[] = [];
  const start = dateParam(context, 'start_date', problems);
  const end = dateParam(context, 'end_date', problems);
  if (start !== undefined && end !== undefined) {
    if (end < start) {
      problems.push({ field: 'end_date', message: 'must be on or after start_date' });
    } else if (end - start + 1 > MAX_CAPACITY_DAYS) {
      problems.push({ field: 'end_date', message: `must be at most ${MAX_CAPACITY_DAYS} days after start_date (inclusive)` });
    }
  }
  if (problems.length > 0 || start === undefined || end === undefined) {
    throw validationFailed(problems);
  }
  const hours: Record<string, number> = {};
  for (let day = start; day <= end; day++) {
    hours[formatDay(day)] = capacityHours(user, day, context.store.dataset.companyDay);
  }
  // Hostile data only: keys that are not dates. defineProperty, so that even "__proto__" becomes a key.
  for (const key of context.store.dataset.extraCapacityKeys?.get(user.id) ?? []) {
    Object.defineProperty(hours, key, { value: 8, enumerable: true, writable: true, configurable: true });
  }
  return { status: 200, body: { start_date: formatDay(start), end_date: formatDay(end), hours } };
}
