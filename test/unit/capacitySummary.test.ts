import * as assert from 'node:assert/strict';
import { formatHours, roundHours, summarizeCapacity } from '../../src/capacity/capacitySummary';
import { fromDayNumber, toDayNumber } from '../../src/kantata/isoDate';
import { Capacity, CapacityDay } from '../../src/kantata/types';

function capacity(startDate: string, endDate: string, days: Record<string, number> | CapacityDay[] = {}): Capacity {
  return { startDate, endDate, days: Array.isArray(days) ? days : Object.entries(days).map(([date, hours]) => ({ date, hours })) };
}

describe('summarizeCapacity', () => {
  it('covers every day of a week, counting days Kantata left out as zero and flagging weekends', () => {
    const summary = summarizeCapacity(
      capacity('2026-11-23', '2026-11-29', { '2026-11-23': 7.5, '2026-11-24': 7.5, '2026-11-26': 8, '2026-11-27': 6 }),
    );
    assert.deepEqual(
      summary.days.map(({ date, hours, weekday, isWeekend, isZero, label }) => [date, hours, weekday, isWeekend, isZero, label]),
      [
        ['2026-11-23', 7.5, 0, false, false, 'Mon 23 Nov'],
        ['2026-11-24', 7.5, 1, false, false, 'Tue 24 Nov'],
        ['2026-11-25', 0, 2, false, true, 'Wed 25 Nov'],
        ['2026-11-26', 8, 3, false, false, 'Thu 26 Nov'],
        ['2026-11-27', 6, 4, false, false, 'Fri 27 Nov'],
        ['2026-11-28', 0, 5, true, true, 'Sat 28 Nov'],
        ['2026-11-29', 0, 6, true, true, 'Sun 29 Nov'],
      ],
    );
    assert.equal(summary.totalHours, 29);
    assert.equal(summary.maxDayHours, 8);
    assert.equal(summary.workingDays, 4);
    assert.equal(summary.startDate, '2026-11-23');
    assert.equal(summary.endDate, '2026-11-29');
    assert.deepEqual(summary.weeks, [{ isoYear: 2026, isoWeek: 48, label: '2026-W48', start: '2026-11-23', end: '2026-11-29', span: '23 Nov – 29 Nov', dayCount: 7, hours: 29 }]);
  });

  it('counts weekend hours as working days when there are any', () => {
    const summary = summarizeCapacity(capacity('2026-11-28', '2026-11-29', { '2026-11-28': 4 }));
    assert.deepEqual(summary.days.map((day) => [day.isWeekend, day.isZero]), [[true, false], [true, true]]);
    assert.equal(summary.workingDays, 1);
  });

  it('rounds away float noise in days, weeks and the total', () => {
    const tenths = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`2026-11-${String(20 + i)}`, 0.1]));
    const summary = summarizeCapacity(capacity('2026-11-20', '2026-11-29', tenths));
    assert.equal(summary.totalHours, 1, 'ten times 0.1 is 1, not 0.9999999999999999');
    assert.deepEqual(summary.weeks.map((week) => week.hours), [0.3, 0.7]);

    const noisy = summarizeCapacity(
      capacity('2026-11-23', '2026-11-25', [
        { date: '2026-11-23', hours: 7.999999999 },
        { date: '2026-11-24', hours: 0.1 },
        { date: '2026-11-24', hours: 0.2 },
        { date: '2026-11-25', hours: 1 / 3 },
      ]),
    );
    assert.deepEqual(noisy.days.map((day) => day.hours), [8, 0.3, 0.33], 'two entries for one date add up');
    assert.equal(noisy.totalHours, 8.63);
    assert.equal(noisy.maxDayHours, 8);
  });

  it('splits ISO weeks across months and years, clamping the first and last week to the range', () => {
    const summary = summarizeCapacity(capacity('2026-12-30', '2027-01-05', { '2026-12-30': 8, '2027-01-01': 2, '2027-01-04': 6 }));
    assert.deepEqual(summary.weeks, [
      { isoYear: 2026, isoWeek: 53, label: '2026-W53', start: '2026-12-30', end: '2027-01-03', span: '30 Dec – 3 Jan', dayCount: 5, hours: 10 },
      { isoYear: 2027, isoWeek: 1, label: '2027-W01', start: '2027-01-04', end: '2027-01-05', span: '4 Jan – 5 Jan', dayCount: 2, hours: 6 },
    ]);
    assert.deepEqual(summary.days.map((day) => day.label), ['Wed 30 Dec', 'Thu 31 Dec', 'Fri 1 Jan', 'Sat 2 Jan', 'Sun 3 Jan', 'Mon 4 Jan', 'Tue 5 Jan']);
  });

  it('puts 2024-12-30 in 2025-W01', () => {
    const summary = summarizeCapacity(capacity('2024-12-28', '2025-01-06'));
    assert.deepEqual(
      summary.weeks.map(({ label, start, end }) => [label, start, end]),
      [
        ['2024-W52', '2024-12-28', '2024-12-29'],
        ['2025-W01', '2024-12-30', '2025-01-05'],
        ['2025-W02', '2025-01-06', '2025-01-06'],
      ],
    );
  });

  it('includes the leap day and crosses month ends', () => {
    const summary = summarizeCapacity(capacity('2028-02-27', '2028-03-01', { '2028-02-29': 5 }));
    assert.deepEqual(summary.days.map((day) => [day.date, day.hours]), [['2028-02-27', 0], ['2028-02-28', 0], ['2028-02-29', 5], ['2028-03-01', 0]]);
    assert.deepEqual(summary.days.map((day) => day.label), ['Sun 27 Feb', 'Mon 28 Feb', 'Tue 29 Feb', 'Wed 1 Mar']);
    assert.deepEqual(summary.weeks.map((week) => [week.label, week.hours]), [['2028-W08', 0], ['2028-W09', 5]]);
  });

  it('covers a full year of 366 days with one entry per ISO week', () => {
    const summary = summarizeCapacity(capacity('2026-01-01', '2027-01-01'));
    assert.equal(summary.days.length, 366);
    assert.equal(summary.weeks.length, 53);
    assert.equal(summary.weeks[0]?.start, '2026-01-01');
    assert.equal(summary.weeks[52]?.label, '2026-W53');
    assert.equal(summary.weeks[52]?.end, '2027-01-01');
    assert.equal(summary.days.filter((day) => day.isWeekend).length, 104);
  });

  it('summarizes 73,000 days, weeks and their spans included (one pass; the old per-week labels took 12 s)', function () {
    this.timeout(60_000); // a guard against a hang, not a speed check (a busy machine is slow)
    // 1900-01-01 (a Monday) to 2099-11-12 (a Thursday): 10,428 whole weeks and 4 days. 8 h on weekdays.
    const start = toDayNumber('1900-01-01');
    const days = Array.from({ length: 73_000 }, (_, index) => ({ date: fromDayNumber(start + index), hours: index % 7 < 5 ? 8 : 0 }));
    const summary = summarizeCapacity(capacity('1900-01-01', '2099-11-12', days));
    assert.equal(summary.days.length, 73_000);
    assert.equal(summary.weeks.length, Math.ceil(73_000 / 7));
    assert.equal(summary.workingDays, 5 * 10_428 + 4);
    assert.equal(summary.totalHours, 8 * (5 * 10_428 + 4));
    assert.deepEqual(
      [summary.weeks[0], summary.weeks[5_000], summary.weeks.at(-1)].map((week) => week && [week.label, week.span, week.dayCount, week.hours]),
      [
        ['1900-W01', '1 Jan – 7 Jan', 7, 40],
        ['1995-W44', '30 Oct – 5 Nov', 7, 40],
        ['2099-W46', '9 Nov – 12 Nov', 4, 32],
      ],
    );
    assert.ok(summary.weeks.every((week, index) => week.dayCount === (index === summary.weeks.length - 1 ? 4 : 7)));
  });

  it('with no capacity at all: every day zero, nothing to scale by', () => {
    const summary = summarizeCapacity(capacity('2026-11-23', '2026-11-24'));
    assert.deepEqual(summary.days.map((day) => day.isZero), [true, true]);
    assert.equal(summary.totalHours, 0);
    assert.equal(summary.maxDayHours, 0);
    assert.equal(summary.workingDays, 0);
  });

  it('ignores entries outside the range and hours that are not numbers', () => {
    const summary = summarizeCapacity(
      capacity('2026-11-23', '2026-11-24', { '2026-11-22': 9, '2026-11-23': Number.NaN, '2026-11-24': 3, '2026-11-25': 9, 'not a date': 9 }),
    );
    assert.deepEqual(summary.days.map((day) => day.hours), [0, 3]);
    assert.equal(summary.totalHours, 3);
  });

  it('has no days when the end is before the start, and throws on dates that are not dates', () => {
    const empty = summarizeCapacity(capacity('2026-11-24', '2026-11-23'));
    assert.deepEqual([empty.days, empty.weeks, empty.totalHours, empty.maxDayHours, empty.workingDays], [[], [], 0, 0, 0]);
    assert.throws(() => summarizeCapacity(capacity('2026-02-30', '2026-03-01')), RangeError);
    assert.throws(() => summarizeCapacity(capacity('2026-02-01', '')), RangeError);
  });
});

describe('hours', () => {
  it('roundHours keeps two decimals and never gives -0', () => {
    assert.equal(roundHours(0.1 + 0.2), 0.3);
    assert.equal(roundHours(7.999999), 8);
    assert.equal(roundHours(7.25), 7.25);
    assert.ok(Object.is(roundHours(-0.001), 0));
  });

  it('formatHours writes at most two decimals with the display language\'s grouping (English here; German in germanPages.test.ts)', () => {
    assert.equal(formatHours(7.5), '7.5 h');
    assert.equal(formatHours(0), '0 h');
    assert.equal(formatHours(-0), '0 h');
    assert.equal(formatHours(8), '8 h');
    assert.equal(formatHours(1234.25), '1,234.25 h');
    assert.equal(formatHours(7.999999999), '8 h');
    assert.equal(formatHours(0.1 + 0.2), '0.3 h');
  });
});
