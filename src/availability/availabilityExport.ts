import * as vscode from 'vscode';
import type { DateRange } from '../capacity/capacityRange';
import { csvFileName, exportedRows, gridCsv, gridMarkdown } from './gridData';
import type { GridView, PersonData, RowData, WeekColumn } from './protocol';

export interface GridSnapshot {
  readonly title: string;
  readonly range: DateRange;
  readonly weeks: readonly WeekColumn[];
  readonly people: readonly PersonData[];
  readonly rows: ReadonlyMap<string, RowData>;
  readonly view: GridView;
}

/**
 * Copy as Markdown (to the clipboard) or Save as CSV (where the user chooses): the rows as the page shows
 * them, sorted and filtered. Returns what the page's status line should say, or undefined when the user
 * cancelled the save dialog. A file that cannot be written is reported with its reason.
 */
export async function exportAvailability(format: 'markdown' | 'csv', grid: GridSnapshot): Promise<string | undefined> {
  const rows = exportedRows(grid.people, grid.rows, grid.view);
  const missing = grid.people.length - grid.rows.size;
  const note = missing > 0 ? ` (${missing} without an answer left out)` : '';
  const count = `${rows.length} ${rows.length === 1 ? 'person' : 'people'}`;
  if (format === 'markdown') {
    await vscode.env.clipboard.writeText(gridMarkdown(grid.weeks, rows));
    return `Copied ${count} as a Markdown table${note}.`;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = csvFileName(grid.title, grid.range);
  const target = await vscode.window.showSaveDialog({
    title: 'Save Team Availability as CSV',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name),
    filters: { 'CSV files': ['csv'] },
    saveLabel: 'Save',
  });
  if (!target) {
    return undefined;
  }
  try {
    // A byte-order mark, so spreadsheets read the names as UTF-8.
    await vscode.workspace.fs.writeFile(target, Buffer.from(`\uFEFF${gridCsv(grid.weeks, rows)}\r\n`, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`The CSV file could not be saved to ${target.fsPath}: ${reason}`);
    return `Not saved: ${reason}`;
  }
  return `Saved ${count} to ${target.fsPath}${note}.`;
}
