import * as assert from 'node:assert/strict';
import { csvFileName, exportedRows, gridCsv, gridMarkdown, rowData, weekColumns } from '../../src/availability/gridData';
import type { PersonData, RowData } from '../../src/availability/protocol';
import { addDays, weekdayOf } from '../../src/kantata/isoDate';
import type { Capacity } from '../../src/kantata/types';

function capacityOf(startDate: string, endDate: string, hoursOn: (date: string, weekday: number) => number): Capacity {
  const days = [];
  for (let date = startDate; date <= endDate; date = addDays(date, 1)) {
    days.push({ date, hours: hoursOn(date, weekdayOf(date)) });
  }
  return { startDate, endDate, days };
}

describe('team availability: the grid\'s data', () => {
  it('columns are the ISO weeks of the range, the first one partial, across a year end', () => {
    assert.deepEqual(weekColumns({ start: '2026-12-31', end: '2027-01-10' }), [
      { id: '2026-W53', span: '31 Dec – 3 Jan', dayCount: 4 },
      { id: '2027-W01', span: '4 Jan – 10 Jan', dayCount: 7 },
    ]);
  });

  it('a row has a cell per week with its days; leave shows as part, a week of nothing as out', () => {
    const leave = new Set(['2026-12-08', '2026-12-09']);
    const away = (date: string) => leave.has(date) || (date >= '2026-12-14' && date <= '2026-12-20');
    const capacity = capacityOf('2026-12-03', '2026-12-27', (date, weekday) => (weekday < 5 && !away(date) ? 8 : 0));
    const row = rowData('7', capacity);
    assert.equal(row.cells.length, 4);
    assert.deepEqual(
      row.cells.map((cell) => [cell.status, cell.text, cell.days.length]),
      [
        ['full', '16 h of 16 h', 4],
        ['part', '24 h of 40 h', 7],
        ['out', '0 h of 40 h', 7],
        ['full', '40 h of 40 h', 7],
      ],
    );
    assert.deepEqual(row.cells[0]?.days[0], { label: 'Thu 3 Dec', hours: 8 });
    assert.deepEqual(row.cells[1]?.days.map((day) => day.label)[0], 'Mon 7 Dec');
  });

  it('exports follow the page\'s sort and filter, leave out people without an answer, and stay text', () => {
    const people: PersonData[] = [
      { id: '1', name: 'Zoë =cmd|calc', role: 'Engineer', initials: 'Z' },
      { id: '2', name: 'Ann | Pipe', initials: 'A' },
      { id: '3', name: 'Bob, "Quoted"', role: 'PM', initials: 'B' },
      { id: '4', name: 'Not Loaded', initials: 'N' },
    ];
    const weeks = weekColumns({ start: '2026-12-07', end: '2026-12-20' });
    const rows = new Map<string, RowData>(
      ['1', '2', '3'].map((id) => [id, rowData(id, capacityOf('2026-12-07', '2026-12-20', (_date, weekday) => (weekday < 5 ? Number(id) * 2 : 0)))]),
    );
    const byName = exportedRows(people, rows, { sort: { kind: 'name' } });
    assert.deepEqual(byName.map((row) => row.userId), ['2', '3', '1']);
    const byHours = exportedRows(people, rows, { sort: { kind: 'hours', week: 1 }, filter: { week: 0, minHours: 20 } });
    assert.deepEqual(byHours.map((row) => row.userId), ['3', '2'], 'at least 20 h in the first week, most hours first');

    const markdown = gridMarkdown(weeks, byName).split('\n');
    assert.equal(markdown[0], '| Person | Role | 2026-W50 (7 Dec – 13 Dec) | 2026-W51 (14 Dec – 20 Dec) |');
    assert.equal(markdown[2], '| Ann \\| Pipe |  | 20 h of 20 h | 20 h of 20 h |');
    assert.equal(markdown.at(-1), '| **Total** |  | 60 h | 60 h |');
    const csv = gridCsv(weeks, byName).split('\r\n');
    assert.equal(csv[0], 'Person,Role,2026-W50 (7 Dec – 13 Dec) hours,2026-W50 (7 Dec – 13 Dec) usual,2026-W51 (14 Dec – 20 Dec) hours,2026-W51 (14 Dec – 20 Dec) usual');
    assert.equal(csv[2], '"Bob, ""Quoted""",PM,30,30,30,30');
    assert.equal(csv[3], 'Zoë =cmd|calc,Engineer,10,10,10,10', 'a name not starting with = stays as it is');
  });

  it('a CSV file name is letters, digits and dashes', () => {
    assert.equal(csvFileName('Project Manager', { start: '2026-12-03', end: '2027-01-10' }), 'availability-project-manager-2026-12-03.csv');
    assert.equal(csvFileName('../../etc/passwd', { start: '2026-12-03', end: '2026-12-13' }), 'availability-etc-passwd-2026-12-03.csv');
    assert.equal(csvFileName('日本', { start: '2026-12-03', end: '2026-12-13' }), 'availability-team-2026-12-03.csv');
  });
});
