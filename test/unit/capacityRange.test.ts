import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import {
  addDays,
  CAPACITY_PRESETS,
  capacityPresetLabel,
  CapacityPreset,
  daysBetweenInclusive,
  isoWeekOf,
  MAX_RANGE_DAYS,
  presetRange,
  todayIso,
  validateRange,
} from '../../src/capacity/capacityRange';
import { dayNumberOf, fromDayNumber, isIsoDate, toDayNumber, weekdayOf } from '../../src/kantata/isoDate';

const range = (start: string, end: string) => ({ start, end });

describe('capacity dates', () => {
  it('day numbers agree with Date.UTC for every day from 1899 to 2101, and round-trip', () => {
    for (let day = Date.UTC(1899, 0, 1) / 86_400_000; day <= Date.UTC(2101, 11, 31) / 86_400_000; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      assert.equal(fromDayNumber(day), iso);
      assert.equal(toDayNumber(iso), day);
    }
    assert.equal(dayNumberOf({ year: 1970, month: 1, day: 1 }), 0);
    assert.equal(fromDayNumber(-1), '1969-12-31');
    assert.equal(fromDayNumber(toDayNumber('0001-01-01')), '0001-01-01', 'years below 100 are not read as 19xx');
  });

  it('addDays moves across months, years and leap days, forwards and back', () => {
    assert.equal(addDays('2026-11-23', 0), '2026-11-23');
    assert.equal(addDays('2026-01-31', 1), '2026-02-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2028-02-29', 1), '2028-03-01');
    assert.equal(addDays('2027-02-28', 1), '2027-03-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2027-01-01', -1), '2026-12-31');
    assert.equal(addDays('2026-03-28', 2), '2026-03-30', 'the European spring change (29 March) is just a day');
    assert.equal(addDays('2026-10-24', 2), '2026-10-26', 'the European autumn change (25 October) is just a day');
    assert.equal(addDays('2026-01-01', 365), '2027-01-01');
    assert.equal(addDays('2028-01-01', 366), '2029-01-01');
    assert.throws(() => addDays('2026-02-30', 1), RangeError);
    assert.throws(() => addDays('2026-02-01', 0.5), RangeError);
  });

  it('daysBetweenInclusive counts both ends', () => {
    assert.equal(daysBetweenInclusive('2026-11-23', '2026-11-23'), 1);
    assert.equal(daysBetweenInclusive('2026-11-23', '2026-11-29'), 7);
    assert.equal(daysBetweenInclusive('2026-12-31', '2027-01-01'), 2);
    assert.equal(daysBetweenInclusive('2028-02-01', '2028-03-01'), 30);
    assert.equal(daysBetweenInclusive('2026-01-01', '2026-12-31'), 365);
    assert.equal(daysBetweenInclusive('2028-01-01', '2028-12-31'), 366);
    assert.equal(daysBetweenInclusive('2026-11-24', '2026-11-23'), 0);
  });

  it('weekdays run Monday = 0 to Sunday = 6', () => {
    assert.equal(weekdayOf('2026-11-23'), 0);
    assert.equal(weekdayOf('2026-11-28'), 5);
    assert.equal(weekdayOf('2026-11-29'), 6);
    assert.equal(weekdayOf('1970-01-01'), 3);
    assert.equal(weekdayOf('1969-12-28'), 6);
  });

  it('isoWeekOf follows ISO 8601 at year boundaries, including 53-week years', () => {
    const week = (iso: string) => {
      const { isoYear, isoWeek } = isoWeekOf(iso);
      return `${isoYear}-W${isoWeek}`;
    };
    assert.equal(week('2026-11-23'), '2026-W48');
    assert.equal(week('2026-01-01'), '2026-W1', '2026 starts on a Thursday');
    assert.equal(week('2025-12-29'), '2026-W1');
    assert.equal(week('2026-12-28'), '2026-W53');
    assert.equal(week('2026-12-31'), '2026-W53');
    assert.equal(week('2027-01-01'), '2026-W53');
    assert.equal(week('2027-01-03'), '2026-W53');
    assert.equal(week('2027-01-04'), '2027-W1');
    assert.equal(week('2024-12-29'), '2024-W52');
    assert.equal(week('2024-12-30'), '2025-W1');
    assert.equal(week('2021-01-03'), '2020-W53', 'a leap year starting on a Wednesday has 53 weeks');
    assert.equal(week('2028-02-29'), '2028-W9');
  });

  it('isIsoDate accepts only real dates written YYYY-MM-DD', () => {
    for (const good of ['2026-01-01', '2028-02-29', '2000-02-29', '2026-12-31', '2026-04-30']) {
      assert.ok(isIsoDate(good), good);
    }
    for (const bad of ['', '2026-02-30', '2027-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-2-3', '26-01-01', '2026/01/01', '2026-01-01T00:00', ' 2026-01-01', '２０２６-01-01']) {
      assert.ok(!isIsoDate(bad), bad);
    }
  });

  it('todayIso reads the local calendar date, whatever the hour', () => {
    assert.equal(todayIso(new Date(2026, 10, 23, 0, 0, 0)), '2026-11-23');
    assert.equal(todayIso(new Date(2026, 10, 23, 23, 59, 59, 999)), '2026-11-23');
    assert.equal(todayIso(new Date(2028, 1, 29, 12)), '2028-02-29');
    assert.match(todayIso(), /^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('capacity presets', () => {
  it('are offered in order with their labels', () => {
    assert.deepEqual(CAPACITY_PRESETS.map(({ id }) => ({ id, label: capacityPresetLabel(id) })), [
      { id: 'thisWeek', label: 'This week' },
      { id: 'next2Weeks', label: 'Next 2 weeks' },
      { id: 'thisMonth', label: 'This month' },
      { id: 'next3Months', label: 'Next 3 months' },
    ]);
  });

  const cases: Record<CapacityPreset, [today: string, start: string, end: string, why: string][]> = {
    thisWeek: [
      ['2026-11-23', '2026-11-23', '2026-11-29', 'a Monday'],
      ['2026-11-29', '2026-11-23', '2026-11-29', 'a Sunday'],
      ['2026-11-26', '2026-11-23', '2026-11-29', 'a Thursday'],
      ['2026-01-31', '2026-01-26', '2026-02-01', 'Saturday 31 January, the week runs into February'],
      ['2028-02-29', '2028-02-28', '2028-03-05', 'a leap day'],
      ['2026-12-31', '2026-12-28', '2027-01-03', '31 December, the week runs into the next year'],
      ['2027-01-03', '2026-12-28', '2027-01-03', 'a Sunday in January, the week began the year before'],
    ],
    next2Weeks: [
      ['2026-11-23', '2026-11-23', '2026-12-06', 'a Monday'],
      ['2026-11-29', '2026-11-29', '2026-12-12', 'a Sunday'],
      ['2026-11-30', '2026-11-30', '2026-12-13', '30 November'],
      ['2026-01-31', '2026-01-31', '2026-02-13', '31 January'],
      ['2026-02-28', '2026-02-28', '2026-03-13', '28 February'],
      ['2028-02-20', '2028-02-20', '2028-03-04', 'across a leap day'],
      ['2028-02-29', '2028-02-29', '2028-03-13', 'a leap day'],
      ['2026-12-31', '2026-12-31', '2027-01-13', '31 December'],
    ],
    thisMonth: [
      ['2026-11-23', '2026-11-01', '2026-11-30', 'a Monday'],
      ['2026-11-29', '2026-11-01', '2026-11-30', 'a Sunday'],
      ['2026-11-30', '2026-11-01', '2026-11-30', '30 November'],
      ['2026-01-31', '2026-01-01', '2026-01-31', '31 January'],
      ['2026-02-28', '2026-02-01', '2026-02-28', '28 February'],
      ['2028-02-29', '2028-02-01', '2028-02-29', 'a leap day'],
      ['2028-02-01', '2028-02-01', '2028-02-29', 'February of a leap year'],
      ['2026-12-31', '2026-12-01', '2026-12-31', '31 December'],
    ],
    next3Months: [
      ['2026-11-23', '2026-11-23', '2027-02-22', 'a Monday'],
      ['2026-11-29', '2026-11-29', '2027-02-27', 'a Sunday: 29 Feb 2027 does not exist, so 28 Feb, and the day before'],
      ['2026-11-30', '2026-11-30', '2027-02-27', '30 November: 30 Feb → 28 Feb → 27 Feb'],
      ['2027-11-30', '2027-11-30', '2028-02-28', '30 November before a leap year: 30 Feb → 29 Feb → 28 Feb'],
      ['2027-11-29', '2027-11-29', '2028-02-28', '29 November before a leap year: 29 Feb exists'],
      ['2026-01-31', '2026-01-31', '2026-04-29', '31 January: 31 Apr → 30 Apr → 29 Apr'],
      ['2026-02-28', '2026-02-28', '2026-05-27', '28 February'],
      ['2028-02-29', '2028-02-29', '2028-05-28', 'a leap day'],
      ['2026-10-01', '2026-10-01', '2026-12-31', 'the 1st: a whole quarter'],
      ['2026-12-31', '2026-12-31', '2027-03-30', '31 December, into the next year'],
    ],
  };

  for (const [preset, rows] of Object.entries(cases) as [CapacityPreset, [string, string, string, string][]][]) {
    describe(preset, () => {
      for (const [today, start, end, why] of rows) {
        it(`from ${today} (${why}) is ${start}..${end}`, () => {
          assert.deepEqual(presetRange(preset, today), range(start, end));
          const [year, month, day] = today.split('-').map(Number) as [number, number, number];
          assert.deepEqual(presetRange(preset, new Date(year, month - 1, day, 12)), range(start, end), 'the same from a Date');
          assert.ok(validateRange(start, end).ok, 'every preset passes validation');
        });
      }
    });
  }

  it('read a Date on the local calendar, so late evenings and DST changes do not shift a day', () => {
    assert.deepEqual(presetRange('next2Weeks', new Date(2026, 2, 25, 23, 30)), range('2026-03-25', '2026-04-07'));
    assert.deepEqual(presetRange('next2Weeks', new Date(2026, 2, 25, 0, 0)), range('2026-03-25', '2026-04-07'));
    assert.deepEqual(presetRange('thisWeek', new Date(2026, 2, 29, 23, 59)), range('2026-03-23', '2026-03-29'));
    assert.deepEqual(presetRange('thisWeek', new Date(2026, 9, 25, 0, 30)), range('2026-10-19', '2026-10-25'));
    assert.deepEqual(presetRange('next2Weeks', new Date(2026, 9, 20, 23, 30)), range('2026-10-20', '2026-11-02'));
    assert.deepEqual(presetRange('thisMonth', new Date(2026, 9, 31, 23, 59)), range('2026-10-01', '2026-10-31'));
    assert.deepEqual(presetRange('next3Months', new Date(2026, 0, 10, 23, 30)), range('2026-01-10', '2026-04-09'));
  });

  it('give the same ranges in time zones with daylight saving (run in a child process)', function () {
    this.timeout(20_000);
    const moduleFile = path.join(__dirname, '..', '..', 'src', 'capacity', 'capacityRange.js');
    // Local wall-clock times near the DST changes of Europe, the US and New Zealand, late and early in the day.
    const moments = [
      [2026, 2, 7, 23, 30], [2026, 2, 8, 0, 30], [2026, 2, 25, 23, 30], [2026, 2, 28, 23, 59], [2026, 2, 29, 0, 30],
      [2026, 2, 29, 12, 0], [2026, 3, 4, 23, 30], [2026, 3, 5, 0, 30], [2026, 8, 26, 23, 30], [2026, 8, 27, 12, 0],
      [2026, 9, 24, 23, 30], [2026, 9, 25, 0, 30], [2026, 9, 25, 23, 59], [2026, 10, 1, 0, 30], [2026, 10, 30, 23, 59],
    ];
    const script = `
      const { presetRange, todayIso } = require(${JSON.stringify(moduleFile)});
      const presets = ['thisWeek', 'next2Weeks', 'thisMonth', 'next3Months'];
      const moments = ${JSON.stringify(moments)};
      const hasDst = new Date(2026, 0, 15).getTimezoneOffset() !== new Date(2026, 6, 15).getTimezoneOffset();
      const out = moments.map((m) => { const d = new Date(m[0], m[1], m[2], m[3], m[4]); return [todayIso(d), presets.map((p) => presetRange(p, d))]; });
      process.stdout.write(JSON.stringify({ hasDst, out }));`;
    const expected = moments.map(([year, month, day]) => {
      const today = `${year}-${String((month ?? 0) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      return [today, CAPACITY_PRESETS.map(({ id }) => presetRange(id, today))];
    });
    for (const TZ of ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Australia/Lord_Howe']) {
      const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ }, encoding: 'utf8' })) as { hasDst: boolean; out: unknown };
      assert.ok(result.hasDst, `${TZ} should observe daylight saving, or this test proves nothing`);
      assert.deepEqual(result.out, expected, TZ);
    }
  });

  it('reject a string that is not a date', () => {
    assert.throws(() => presetRange('thisWeek', '2026-02-30'), RangeError);
    assert.throws(() => presetRange('thisWeek', new Date(Number.NaN)), RangeError);
  });
});

describe('validateRange', () => {
  const fails = (start: string, end: string, message: string, field: 'start' | 'end') =>
    assert.deepEqual(validateRange(start, end), { ok: false, message, field });

  it('accepts a good range and counts its days', () => {
    assert.deepEqual(validateRange('2026-11-23', '2026-11-29'), { ok: true, start: '2026-11-23', end: '2026-11-29', days: 7 });
    assert.deepEqual(validateRange('2026-11-23', '2026-11-23'), { ok: true, start: '2026-11-23', end: '2026-11-23', days: 1 });
    assert.deepEqual(validateRange(' 2026-11-23 ', '2026-11-29\n'), { ok: true, start: '2026-11-23', end: '2026-11-29', days: 7 });
  });

  it('asks for missing dates', () => {
    fails('', '2026-11-29', 'Enter a start date.', 'start');
    fails('   ', '2026-11-29', 'Enter a start date.', 'start');
    fails('2026-11-23', '', 'Enter an end date.', 'end');
    fails('', '', 'Enter a start date.', 'start');
  });

  it('rejects dates that do not exist or are not written YYYY-MM-DD', () => {
    fails('2026-02-30', '2026-03-10', '2026-02-30 is not a date.', 'start');
    fails('2026-02-01', '2027-02-29', '2027-02-29 is not a date.', 'end');
    fails('2026-13-01', '2026-12-31', '2026-13-01 is not a date.', 'start');
    fails('2026-2-3', '2026-03-10', '2026-2-3 is not a date. Use the form YYYY-MM-DD, e.g. 2026-03-09.', 'start');
    fails('2026-02-03', '10/03/2026', '10/03/2026 is not a date. Use the form YYYY-MM-DD, e.g. 2026-03-09.', 'end');
    fails('tomorrow', '2026-03-10', 'tomorrow is not a date. Use the form YYYY-MM-DD, e.g. 2026-03-09.', 'start');
    assert.ok(validateRange('2028-02-29', '2028-03-01').ok, 'a leap day is a date');
  });

  it('rejects an end before the start', () => {
    fails('2026-11-23', '2026-11-22', 'The end date is before the start date.', 'end');
    fails('2027-01-01', '2026-12-31', 'The end date is before the start date.', 'end');
  });

  it(`allows at most ${MAX_RANGE_DAYS} days, both ends counted`, () => {
    assert.deepEqual(validateRange('2026-01-01', '2027-01-01'), { ok: true, start: '2026-01-01', end: '2027-01-01', days: 366 });
    assert.deepEqual(validateRange('2028-01-01', '2028-12-31'), { ok: true, start: '2028-01-01', end: '2028-12-31', days: 366 });
    fails('2026-01-01', '2027-01-02', 'Choose at most 366 days (this range has 367).', 'end');
    fails('2026-01-01', addDays('2026-01-01', 399), 'Choose at most 366 days (this range has 400).', 'end');
  });
});
