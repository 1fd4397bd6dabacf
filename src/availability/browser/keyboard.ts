// Keyboard use of the table: one Tab stop (a roving tabindex over the names and cells), arrow keys between
// cells, Home/End along a row, Ctrl+Home/End and Page Up/Down between rows. Rows hidden by the filter are
// skipped. When a row's cells are replaced (its answer came), the focus stays on the same column.

/** Names and cells are the table's stops; each carries `data-nav` and its column (`data-col`, name = 0). */
const NAV = '[data-nav]';
const PAGE_ROWS = 10;

function colOf(item: Element): number {
  return Number((item as HTMLElement).dataset.col ?? 0);
}

function itemsOf(row: HTMLTableRowElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(NAV)];
}

/** The item of `row` for column `col`: that column, else the last one before it (an error spans the weeks). */
function itemAt(row: HTMLTableRowElement, col: number): HTMLElement | undefined {
  let found: HTMLElement | undefined;
  for (const item of itemsOf(row)) {
    if (colOf(item) <= col) {
      found = item;
    }
  }
  return found;
}

function visible(row: Element | null): row is HTMLTableRowElement {
  return row instanceof HTMLTableRowElement && !row.hidden;
}

export class TableKeys {
  private current: HTMLElement | undefined;
  /** The column Up and Down keep to, across a row whose error spans the weeks. */
  private wantedCol = 0;
  private movingVertically = false;

  constructor(private readonly tbody: HTMLTableSectionElement) {
    tbody.addEventListener('focusin', (event) => this.focused(event.target));
    tbody.addEventListener('keydown', (event) => this.keydown(event));
  }

  /** Makes sure one visible item is the table's Tab stop (after rows were built, hidden or replaced). */
  ensureStop(): void {
    if (this.current?.isConnected && visible(this.current.closest('tr'))) {
      return;
    }
    const first = this.rows()[0];
    const item = first && itemsOf(first)[0];
    if (item) {
      this.setStop(item);
    }
  }

  /** Replaces a row's cells (after its header cell), keeping the Tab stop and the focus on the same column. */
  replaceCells(row: HTMLTableRowElement, cells: readonly Node[]): void {
    const header = row.cells[0];
    const active = document.activeElement;
    const focusedCol = active instanceof HTMLElement && row.contains(active) && !header?.contains(active) ? colOf(active.closest(NAV) ?? active) : undefined;
    const stopCol = this.current && row.contains(this.current) && !header?.contains(this.current) ? colOf(this.current) : undefined;
    while (header?.nextSibling) {
      header.nextSibling.remove();
    }
    row.append(...cells);
    if (stopCol !== undefined) {
      const item = itemAt(row, stopCol);
      if (item) {
        this.setStop(item);
      }
    }
    if (focusedCol !== undefined && document.hasFocus()) {
      itemAt(row, focusedCol)?.focus({ preventScroll: true });
    }
  }

  private setStop(item: HTMLElement): void {
    if (this.current && this.current !== item) {
      this.current.tabIndex = -1;
    }
    item.tabIndex = 0;
    this.current = item;
  }

  private focused(target: EventTarget | null): void {
    const item = target instanceof Element ? target.closest<HTMLElement>(NAV) : null;
    if (!item) {
      return;
    }
    this.setStop(item);
    if (!this.movingVertically) {
      this.wantedCol = colOf(item);
    }
  }

  private rows(): HTMLTableRowElement[] {
    return [...this.tbody.rows].filter((row) => !row.hidden);
  }

  private keydown(event: KeyboardEvent): void {
    const item = event.target instanceof Element ? event.target.closest<HTMLElement>(NAV) : null;
    const row = item?.closest('tr');
    if (!item || !row || event.altKey || event.metaKey) {
      return;
    }
    const next = this.target(event, item, row);
    if (next && next !== item) {
      event.preventDefault();
      this.movingVertically = event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End';
      next.focus();
      this.movingVertically = false;
    } else if (next) {
      event.preventDefault();
    }
  }

  /** Where a key moves from `item` in `row`; undefined for keys the table leaves alone. */
  private target(event: KeyboardEvent, item: HTMLElement, row: HTMLTableRowElement): HTMLElement | undefined {
    const items = itemsOf(row);
    const index = items.indexOf(item);
    const ctrl = event.ctrlKey;
    switch (event.key) {
      case 'ArrowLeft':
        return items[Math.max(index - 1, 0)];
      case 'ArrowRight':
        return items[Math.min(index + 1, items.length - 1)];
      case 'Home':
        return ctrl ? this.corner('first') : items[0];
      case 'End':
        return ctrl ? this.corner('last') : items[items.length - 1];
      case 'ArrowUp':
        return this.vertical(row, -1) ?? item;
      case 'ArrowDown':
        return this.vertical(row, 1) ?? item;
      case 'PageUp':
        return this.vertical(row, -PAGE_ROWS) ?? item;
      case 'PageDown':
        return this.vertical(row, PAGE_ROWS) ?? item;
      default:
        return undefined;
    }
  }

  /** The item in the wanted column, `step` visible rows away (stopping at the first or last row). */
  private vertical(row: HTMLTableRowElement, step: number): HTMLElement | undefined {
    const rows = this.rows();
    const index = rows.indexOf(row);
    const target = rows[Math.min(Math.max(index + step, 0), rows.length - 1)];
    return target && target !== row ? itemAt(target, this.wantedCol) : undefined;
  }

  /** Ctrl+Home: the first name; Ctrl+End: the last row's last cell. */
  private corner(which: 'first' | 'last'): HTMLElement | undefined {
    const rows = this.rows();
    const row = which === 'first' ? rows[0] : rows[rows.length - 1];
    const items = row ? itemsOf(row) : [];
    return which === 'first' ? items[0] : items[items.length - 1];
  }
}
