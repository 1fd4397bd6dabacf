// The grid's table in the page. Every change to the rows is made in the page's frames, a few milliseconds and
// a bounded number of rows each: rows built (hundreds of people must not block the page), rows drawn again when
// their answer comes, photos placed; then order, filter and totals, only when something they depend on changed.
// A message from the extension only records what changed: messages stay short, and each frame's work is bounded.
import { type GridRowLike, weekTotals } from '../../capacity/availability';
import { formatHours } from '../../capacity/capacitySummary';
import type { DateRange } from '../../capacity/capacityRange';
import { materialize } from '../../profile/browser/materialize';
import { perFrame } from './regions';
import type { CellData, GridView, PersonData, RowData, WeekColumn } from '../protocol';
import { applyView, applyViewToNamed, LOADING, type RowState, viewDependsOnHours } from '../view/gridModel';
import { renderAvatar, renderCells, renderPersonRow, renderTableShell } from '../view/gridView';
import { TableKeys } from './keyboard';

/**
 * How long one frame's changes to the rows may take, in ms: laying out and painting them costs as much again,
 * and a page in a busy editor runs at half speed, so a frame stays well under the 50 ms of a long task.
 */
const SLICE_MS = 3;
/**
 * Rows built per frame, at most. A new row is hidden in its first frame (see `.fresh` in availability.css), so
 * building is cheap; what is left is making them, and style for each.
 */
const ROWS_BUILT_PER_FRAME = 40;
/**
 * Rows drawn again per frame (their answer came), at most: about a screenful. A drawn row on screen is
 * fourteen cells laid out and painted; rows off screen cost little (`content-visibility: auto`).
 */
const ROWS_DRAWN_PER_FRAME = 20;
/** Photos placed per frame: each is decoded (a data: URL) when placed, outside the time the slice measures. */
const PHOTOS_PER_FRAME = 6;
const PERSON_EM = 16;
const WEEK_EM = 7.5;

interface Entry extends GridRowLike {
  readonly person: PersonData;
  state: RowState;
  cells: readonly CellData[];
  row?: HTMLTableRowElement;
}

export interface GridData {
  readonly title: string;
  readonly range?: DateRange;
  readonly weeks: readonly WeekColumn[];
  readonly people: readonly PersonData[];
}

export class GridTable {
  /** The table (in its scrolling box), for the page to place. */
  readonly element: HTMLElement;
  private readonly tbody: HTMLTableSectionElement;
  private readonly totalCells: HTMLElement[];
  private readonly keys: TableKeys;
  /** Everyone, in name order (sorted once: comparing names is the slow part of sorting). */
  private readonly entries: Entry[];
  private readonly byId = new Map<string, Entry>();
  /** People whose rows are not built yet, in the order they will be added. */
  private unbuilt: Entry[];
  /** Built rows whose state changed since they were drawn (an answer, an error, a retry). */
  private readonly stale = new Set<Entry>();
  /** Photos that came for built rows, not placed yet. */
  private readonly photosToPlace = new Map<Entry, string>();
  /** Rows built in the last frame, not drawn yet (see `.fresh` in availability.css). */
  private fresh: HTMLTableRowElement[] = [];
  /** The rows the view shows, in its order; the totals are summed over them. */
  private shown: Entry[];
  private orderChanged = true;
  private totalsChanged = true;
  private disposed = false;
  private readonly schedule = perFrame(() => this.step());

  constructor(
    private readonly grid: GridData,
    private view: GridView,
    private readonly photos: ReadonlyMap<string, string>,
    /** Called after each frame's update (rows moved, hidden or replaced). */
    private readonly afterUpdate: () => void,
  ) {
    this.element = materialize(renderTableShell(grid.title, grid.range, grid.weeks, [])) as HTMLElement;
    const table = this.element.querySelector('table') as HTMLTableElement;
    // The columns (a grid per row, see availability.css): never narrower than a week's text.
    table.style.setProperty('--weeks', String(Math.max(grid.weeks.length, 1)));
    table.style.minWidth = `${PERSON_EM + WEEK_EM * Math.max(grid.weeks.length, 1)}em`;
    this.tbody = table.tBodies[0] as HTMLTableSectionElement;
    this.totalCells = [...(table.tFoot?.rows[0]?.cells ?? [])].slice(1);
    this.keys = new TableKeys(this.tbody);
    const entries: Entry[] = grid.people.map((person) => ({ person, userId: person.id, name: person.name, state: LOADING, cells: [] }));
    this.entries = applyView(entries, { sort: { kind: 'name' } });
    for (const entry of this.entries) {
      this.byId.set(entry.userId, entry);
    }
    this.shown = this.entries;
    this.unbuilt = [...this.entries];
    // The rows come in the next frames: this one shows the table's frame (header, totals) alone, so the
    // message that brought the grid and the first frame after it stay short.
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
  }

  setView(view: GridView): void {
    this.view = view;
    this.changed(true);
  }

  setRows(rows: readonly RowData[]): void {
    for (const { userId, cells } of rows) {
      this.setState(userId, { kind: 'loaded', cells });
    }
  }

  setState(userId: string, state: RowState): void {
    const entry = this.byId.get(userId);
    if (!entry) {
      return;
    }
    entry.state = state;
    entry.cells = state.kind === 'loaded' ? state.cells : [];
    if (entry.row) {
      this.stale.add(entry);
    }
    this.changed(viewDependsOnHours(this.view));
  }

  /** Shows a photo (rows not built yet get it when they are). */
  setPhoto(userId: string, dataUrl: string): void {
    const entry = this.byId.get(userId);
    if (entry?.row) {
      this.photosToPlace.set(entry, dataUrl);
      this.schedule();
    }
  }

  /** The figures of a cell, for its popover. */
  cellAt(userId: string, week: number): { week: WeekColumn | undefined; cell: CellData } | undefined {
    const cell = this.byId.get(userId)?.cells[week];
    return cell && { week: this.grid.weeks[week], cell };
  }

  private changed(order: boolean): void {
    this.orderChanged ||= order;
    this.totalsChanged = true;
    this.schedule();
  }

  /** One frame's work: rows drawn again, built and given photos, then order, filter and totals if they changed. */
  private step(): void {
    if (this.disposed) {
      return;
    }
    const deadline = performance.now() + SLICE_MS;
    this.revealFresh();
    this.redrawSlice(deadline);
    this.buildSlice(deadline);
    this.placePhotos();
    if (this.orderChanged) {
      this.orderChanged = false;
      this.applyOrder();
    }
    if (this.totalsChanged) {
      this.totalsChanged = false;
      this.updateTotals();
    }
    this.keys.ensureStop();
    this.afterUpdate();
    if (this.unbuilt.length > 0 || this.stale.size > 0 || this.photosToPlace.size > 0 || this.fresh.length > 0) {
      this.schedule();
    }
  }

  /** Draws again, until the deadline, the rows whose state changed; at least one a frame. */
  private redrawSlice(deadline: number): void {
    let drawn = 0;
    for (const entry of this.stale) {
      this.stale.delete(entry);
      if (entry.row) {
        entry.row.dataset.state = entry.state.kind;
        this.keys.replaceCells(entry.row, renderCells(entry.userId, this.grid.weeks.length, entry.state).map(materialize));
      }
      if (++drawn >= ROWS_DRAWN_PER_FRAME || performance.now() >= deadline) {
        return;
      }
    }
  }

  private placePhotos(): void {
    let placed = 0;
    for (const [entry, dataUrl] of this.photosToPlace) {
      this.photosToPlace.delete(entry);
      entry.row?.querySelector('.avatar')?.replaceWith(materialize(renderAvatar(entry.person, dataUrl)));
      if (++placed >= PHOTOS_PER_FRAME) {
        return;
      }
    }
  }

  /** Rows built in the previous frame: from now on `content-visibility: auto` decides whether to draw them. */
  private revealFresh(): void {
    for (const row of this.fresh) {
      row.classList.remove('fresh');
    }
    this.fresh = [];
  }

  /** Builds rows until the deadline (if time is left), appended in one go. */
  private buildSlice(deadline: number): void {
    if (this.unbuilt.length === 0) {
      return;
    }
    const fragment = document.createDocumentFragment();
    let built = 0;
    while (built < Math.min(this.unbuilt.length, ROWS_BUILT_PER_FRAME) && performance.now() < deadline) {
      const entry = this.unbuilt[built++] as Entry;
      entry.row = materialize(renderPersonRow(entry.person, this.grid.weeks.length, entry.state, this.photos.get(entry.userId))) as HTMLTableRowElement;
      entry.row.classList.add('fresh');
      this.fresh.push(entry.row);
      fragment.appendChild(entry.row);
    }
    this.unbuilt = this.unbuilt.slice(built);
    this.tbody.appendChild(fragment);
    this.changed(viewDependsOnHours(this.view) || this.unbuilt.length === 0);
  }

  /** Hides the rows the filter leaves out and puts the others in the view's order, moving as few as it can. */
  private applyOrder(): void {
    this.shown = applyViewToNamed(this.entries, this.view);
    const showing = new Set(this.shown);
    for (const entry of this.entries) {
      if (entry.row && entry.row.hidden === showing.has(entry)) {
        entry.row.hidden = !showing.has(entry);
      }
    }
    const focused = document.activeElement;
    let cursor = this.tbody.firstElementChild;
    for (const { row } of this.shown) {
      if (!row) {
        continue;
      }
      if (row === cursor) {
        cursor = cursor.nextElementSibling;
      } else {
        this.tbody.insertBefore(row, cursor);
      }
    }
    // Moving a row takes the focus from it: give it back, without scrolling to it.
    if (focused instanceof HTMLElement && focused !== document.activeElement && focused.isConnected && document.hasFocus()) {
      focused.focus({ preventScroll: true });
    }
  }

  private updateTotals(): void {
    const totals = weekTotals(this.shown);
    this.totalCells.forEach((cell, index) => {
      const text = this.grid.weeks.length > 0 ? formatHours(totals[index] ?? 0) : '';
      if (cell.textContent !== text) {
        cell.textContent = text;
      }
    });
  }
}
