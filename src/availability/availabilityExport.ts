import * as vscode from 'vscode';
import type { DateRange } from '../capacity/capacityRange';
import { formatNumber } from '../locale/displayLanguage';
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
  if (format === 'markdown') {
    await vscode.env.clipboard.writeText(gridMarkdown(grid.weeks, rows));
    return copiedText(rows.length, missing);
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = csvFileName(grid.title, grid.range);
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save Team Availability as CSV'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name),
    filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
    saveLabel: vscode.l10n.t({ message: 'Save', comment: ["The save dialog's button"] }),
  });
  if (!target) {
    return undefined;
  }
  try {
    // A byte-order mark, so spreadsheets read the names as UTF-8.
    await vscode.workspace.fs.writeFile(target, Buffer.from(`\uFEFF${gridCsv(grid.weeks, rows)}\r\n`, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('The CSV file could not be saved to {0}: {1}', target.fsPath, reason));
    return vscode.l10n.t('Not saved: {0}', reason);
  }
  return savedText(rows.length, target.fsPath, missing);
}

/** `Copied 3 people as a Markdown table.`, and how many were left out for want of an answer. */
function copiedText(people: number, missing: number): string {
  const [count, left] = [formatNumber(people), formatNumber(missing)];
  if (missing > 0) {
    return people === 1
      ? vscode.l10n.t('Copied {0} person as a Markdown table ({1} without an answer left out).', count, left)
      : vscode.l10n.t('Copied {0} people as a Markdown table ({1} without an answer left out).', count, left);
  }
  return people === 1 ? vscode.l10n.t('Copied {0} person as a Markdown table.', count) : vscode.l10n.t('Copied {0} people as a Markdown table.', count);
}

/** `Saved 3 people to /path/file.csv.`, and how many were left out for want of an answer. */
function savedText(people: number, file: string, missing: number): string {
  const [count, left] = [formatNumber(people), formatNumber(missing)];
  if (missing > 0) {
    return people === 1
      ? vscode.l10n.t('Saved {0} person to {1} ({2} without an answer left out).', count, file, left)
      : vscode.l10n.t('Saved {0} people to {1} ({2} without an answer left out).', count, file, left);
  }
  return people === 1 ? vscode.l10n.t('Saved {0} person to {1}.', count, file) : vscode.l10n.t('Saved {0} people to {1}.', count, file);
}
