import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import {
  availabilityCells,
  availabilityCsv,
  availabilityMarkdown,
  availabilityRange,
  AvailabilityRow,
  csvField,
  filterRows,
  sortRows,
  usualWeekdayHours,
  weekTotals,
} from '../../src/capacity/availability';
import { addDays, weekdayOf } from '../../src/kantata/isoDate';
import { Capacity } from '../../src/kantata/types';

/** A capacity answer from a rule: `hoursOn(date, weekday)` for each day of the range. */
function capacityOf(startDate: string, endDate: string, hoursOn: (date: string, weekday: number) => number): Capacity {
  const days = [];
  for (let date = startDate; date <= endDate; date = addDays(date, 1)) {
    days.push({ date, hours: hoursOn(date, weekdayOf(date)) });
  }
  return { startDate, endDate, days };
}
const fullTime = (_date: string, weekday: number) => (weekday < 5 ? 8 : 0);

describe('team availability: weeks, usual weeks, cells', () => {
  it('ranges run from today to the Sunday of the last ISO week: the first week partial, the rest whole', () => {
    // Thursday 3 December 2026.
    assert.deepEqual(availabilityRange('next2Weeks', '2026-12-03'), { start: '2026-12-03', end: '2026-12-13' });
    assert.deepEqual(availabilityRange('next6Weeks', '2026-12-03'), { start: '2026-12-03', end: '2027-01-10' });
    assert.deepEqual(availabilityRange('next13Weeks', '2026-12-03'), { start: '2026-12-03', end: '2027-02-28' });
    // A Monday starts a whole week; a Sunday is a week of one day.
    assert.deepEqual(availabilityRange('next2Weeks', '2026-11-30'), { start: '2026-11-30', end: '2026-12-13' });
    assert.deepEqual(availabilityRange('next2Weeks', '2026-12-06'), { start: '2026-12-06', end: '2026-12-13' });
    // A Date is read on the local calendar.
    assert.deepEqual(availabilityRange('next2Weeks', new Date(2026, 11, 3, 23, 30)), { start: '2026-12-03', end: '2026-12-13' });
  });

  it('buckets days into ISO weeks across a month and a year end, with partial weeks at both edges', () => {
    // Wed 30 Dec 2026 to Tue 12 Jan 2027: 2026-W53 (Wed–Sun), 2027-W01 (whole), 2027-W02 (Mon–Tue).
    const cells = availabilityCells(capacityOf('2026-12-30', '2027-01-12', fullTime));
    assert.deepEqual(
      cells.map(({ week, hours, usualHours, status }) => [week, hours, usualHours, status]),
      [
        ['2026-W53', 24, 24, 'full'],
        ['2027-W01', 40, 40, 'full'],
        ['2027-W02', 16, 16, 'full'],
      ],
    );
  });

  it('gives the same weeks in time zones with daylight saving (run in a child process)', function () {
    this.timeout(20_000);
    const moduleFile = path.join(__dirname, '..', '..', 'src', 'capacity', 'availability.js');
    const script = `const a = require(${JSON.stringify(moduleFile)});
      const c = { startDate: '2026-03-25', endDate: '2026-04-05', days: [] };
      for (let d = new Date(Date.UTC(2026, 2, 25)); d <= new Date(Date.UTC(2026, 3, 5)); d.setUTCDate(d.getUTCDate() + 1)) c.days.push({ date: d.toISOString().slice(0, 10), hours: 7.5 });
      process.stdout.write(JSON.stringify([a.availabilityRange('next2Weeks', new Date(2026, 2, 28, 23, 30)), a.availabilityCells(c).map((x) => [x.week, x.hours])]));`;
    const outputs = ['Europe/London', 'America/New_York', 'Pacific/Auckland', 'UTC'].map((zone) => {
      const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    });
    assert.deepEqual(JSON.parse(outputs[0] ?? ''), [
      { start: '2026-03-28', end: '2026-04-05' },
      [
        ['2026-W13', 37.5],
        ['2026-W14', 52.5],
      ],
    ]);
    assert.ok(outputs.every((output) => output === outputs[0]), outputs.join('\n'));
  });

  it('estimates the usual week from the most common hours per weekday: leave and holidays do not lower it', () => {
    // A part-timer (Mon–Wed 8 h, Thu 4 h, Fri 0) with a holiday on one Monday and a half day on one Thursday.
    const partTimer = capacityOf('2026-11-02', '2026-11-29', (date, weekday) => {
      if (date === '2026-11-09' || weekday >= 4) {
        return 0;
      }
      return weekday === 3 ? (date === '2026-11-19' ? 2 : 4) : 8;
    });
    assert.deepEqual(usualWeekdayHours(partTimer), [8, 8, 8, 4, 0, 0, 0]);
    const cells = availabilityCells(partTimer);
    assert.deepEqual(
      cells.map(({ hours, usualHours, status, text }) => [hours, usualHours, status, text]),
      [
        [28, 28, 'full', '28 h of 28 h'],
        [20, 28, 'part', '20 h of 28 h'],
        [26, 28, 'part', '26 h of 28 h'],
        [28, 28, 'full', '28 h of 28 h'],
      ],
    );
    // A tie goes to the larger figure; nobody's usual week is seen from an all-zero answer.
    assert.deepEqual(usualWeekdayHours(capacityOf('2026-11-02', '2026-11-15', (date, weekday) => (weekday === 0 ? (date === '2026-11-02' ? 6 : 8) : 0))), [8, 0, 0, 0, 0, 0, 0]);
    const away = availabilityCells(capacityOf('2026-11-02', '2026-11-08', () => 0));
    assert.deepEqual(away.map(({ status, share, text }) => [status, share, text]), [['out', undefined, '0 h']]);
  });

  it('a week of leave is out; within a quarter of an hour of the usual week is full', () => {
    const cells = availabilityCells(
      capacityOf('2026-11-02', '2026-11-22', (date, weekday) => (date >= '2026-11-09' && date <= '2026-11-15' ? 0 : weekday < 5 ? (date === '2026-11-20' ? 7.8 : 8) : 0)),
    );
    assert.deepEqual(cells.map(({ status }) => status), ['full', 'out', 'full']);
    assert.equal(cells[2]?.share, 39.8 / 40);
  });
});

describe('team availability: sorting, filtering, totals, Markdown and CSV', () => {
  const week = (hours: number, usualHours = 40) => ({
    week: 'w',
    hours,
    usualHours,
    share: hours / usualHours,
    status: hours === 0 ? ('out' as const) : hours >= usualHours ? ('full' as const) : ('part' as const),
    text: `${hours} h of ${usualHours} h`,
  });
  const rows: AvailabilityRow[] = [
    { userId: '3', name: 'Zoë Adams', role: 'Designer', cells: [week(40), week(0)] },
    { userId: '1', name: 'ada Lovelace', role: 'Developer', cells: [week(16), week(32)] },
    { userId: '2', name: 'Ada Lovelace', cells: [week(16), week(40)] },
    { userId: '4', name: 'Item 10', cells: [week(8), week(8)] },
    { userId: '5', name: 'Item 9', cells: [week(8), week(8)] },
  ];

  it('sorts by name (case-blind, numbers as numbers) or by the hours of a week, most first', () => {
    assert.deepEqual(sortRows(rows, { kind: 'name' }).map((row) => row.userId), ['1', '2', '5', '4', '3']);
    assert.deepEqual(sortRows(rows, { kind: 'hours', week: 1 }).map((row) => row.userId), ['2', '1', '5', '4', '3']);
    assert.deepEqual(sortRows(rows, { kind: 'hours', week: 0 }).map((row) => row.userId), ['3', '1', '2', '5', '4']);
  });

  it('filters "at least N hours in week W", and totals each week', () => {
    assert.deepEqual(filterRows(rows, 1, 32).map((row) => row.userId), ['1', '2']);
    assert.deepEqual(filterRows(rows, 0, 0).length, 5);
    assert.deepEqual(weekTotals(rows), [88, 88]);
  });

  it('Markdown: one line per person, pipes, markup and line breaks in names made harmless', () => {
    const hostile: AvailabilityRow[] = [{ userId: '9', name: 'Eve | <b>x</b>\n[click](command:x) `c` *y*', role: 'A|B', cells: [week(8, 8)] }];
    assert.equal(
      availabilityMarkdown(['2026-W49'], hostile),
      [
        '| Person | Role | 2026-W49 |',
        '| --- | --- | ---: |',
        '| Eve \\| \\<b\\>x\\</b\\> \\[click\\](command:x) \\`c\\` \\*y\\* | A\\|B | 8 h of 8 h |',
        '| **Total** |  | 8 h |',
      ].join('\n'),
    );
  });

  it('CSV: quotes, commas and line breaks quoted, formulas neutralised, hours as numbers', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('Lovelace, Ada'), '"Lovelace, Ada"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    for (const formula of ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', '\tx']) {
      assert.ok(csvField(formula).replace(/^"/, '').startsWith("'"), formula);
    }
    assert.equal(csvField('=1,2'), `"'=1,2"`);
    const csv = availabilityCsv(['2026-W49', '2026-W50'], [rows[0]!, { userId: '7', name: '=cmd|"/c calc"', role: 'Ops, EU', cells: [week(4), week(8)] }]);
    assert.equal(
      csv,
      [
        'Person,Role,2026-W49 hours,2026-W49 usual,2026-W50 hours,2026-W50 usual',
        'Zoë Adams,Designer,40,40,0,40',
        `"'=cmd|""/c calc""","Ops, EU",4,40,8,40`,
        'Total,,44,,8,',
      ].join('\r\n'),
    );
  });
});
