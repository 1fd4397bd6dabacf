/**
 * From capacity answers to what the grid shows and exports: the columns of a range, a person's row, and
 * the rows in the order and selection the page shows. No `vscode`.
 */
import { availabilityCells, type AvailabilityRow, availabilityCsv, availabilityMarkdown, filterRows, sortRows } from '../capacity/availability';
import { summarizeCapacity } from '../capacity/capacitySummary';
import type { DateRange } from '../capacity/capacityRange';
import type { Capacity } from '../kantata/types';
import type { CellData, GridView, PersonData, RowData, WeekColumn } from './protocol';

/** The ISO weeks of a range, as the grid's columns. */
export function weekColumns(range: DateRange): WeekColumn[] {
  return summarizeCapacity({ startDate: range.start, endDate: range.end, days: [] }).weeks.map((week) => ({
    id: week.label,
    span: week.span,
    dayCount: week.dayCount,
  }));
}

/** One person's row: a cell per week with the figures, and the days behind each. */
export function rowData(userId: string, capacity: Capacity): RowData {
  // Each day goes to the cell of its week: the weeks are consecutive and start on Mondays, so one pass does.
  const perWeek: { label: string; hours: number }[][] = [];
  for (const day of summarizeCapacity(capacity).days) {
    if (perWeek.length === 0 || day.weekday === 0) {
      perWeek.push([]);
    }
    perWeek[perWeek.length - 1]?.push({ label: day.label, hours: day.hours });
  }
  const cells = availabilityCells(capacity).map(
    (cell, index): CellData => ({ hours: cell.hours, usualHours: cell.usualHours, status: cell.status, text: cell.text, days: perWeek[index] ?? [] }),
  );
  return { userId, cells };
}

/** `2026-W49 (30 Nov – 6 Dec)`: a column's name in exports. */
export function exportedWeekName(week: WeekColumn): string {
  return `${week.id} (${week.span})`;
}

/** The answered rows in the page's order and filter, for Copy and Save; people without an answer are left out. */
export function exportedRows(people: readonly PersonData[], rows: ReadonlyMap<string, RowData>, view: GridView): AvailabilityRow[] {
  const answered = people.flatMap((person): AvailabilityRow[] => {
    const row = rows.get(person.id);
    return row ? [{ userId: person.id, name: person.name, role: person.role, cells: row.cells.map((cell, index) => ({ ...cell, week: String(index), share: undefined })) }] : [];
  });
  const shown = view.filter ? filterRows(answered, view.filter.week, view.filter.minHours) : answered;
  return sortRows(shown, view.sort);
}

export function gridMarkdown(weeks: readonly WeekColumn[], rows: readonly AvailabilityRow[]): string {
  return availabilityMarkdown(weeks.map(exportedWeekName), rows);
}

export function gridCsv(weeks: readonly WeekColumn[], rows: readonly AvailabilityRow[]): string {
  return availabilityCsv(weeks.map(exportedWeekName), rows);
}

/** `availability-engineers-2026-12-03.csv`: letters, digits and dashes only. */
export function csvFileName(title: string, range: DateRange): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `availability-${slug || 'team'}-${range.start}.csv`;
}
