// The days behind a cell, in a small tooltip next to it: on hover and on focus, linked to the cell with
// aria-describedby, gone on blur, mouse leave or Escape. The pointer may move onto it without it closing.
import type { VNode } from '../../profile/view/vnode';
import { fill } from './regions';

const GAP = 4;

export class DaysPopover {
  private anchor: HTMLElement | undefined;

  /** `describe` gives a cell's popover content, or undefined for a cell without days (still loading). */
  constructor(
    private readonly element: HTMLElement,
    private readonly table: () => HTMLElement | undefined,
    private readonly describe: (cell: HTMLElement) => VNode[] | undefined,
  ) {
    document.addEventListener('focusin', (event) => this.focusIn(event.target));
    document.addEventListener('focusout', (event) => this.focusOut(event));
    document.addEventListener('mouseover', (event) => this.mouseOver(event.target));
    document.addEventListener('mouseout', (event) => this.mouseOut(event));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.anchor) {
        this.hide();
      }
    });
  }

  private cellOf(target: EventTarget | null): HTMLElement | undefined {
    const table = this.table();
    const cell = target instanceof Element ? target.closest<HTMLElement>('td[data-status]') : null;
    return cell && table?.contains(cell) ? cell : undefined;
  }

  show(cell: HTMLElement): void {
    const content = this.describe(cell);
    if (!content) {
      this.hide();
      return;
    }
    if (this.anchor && this.anchor !== cell) {
      this.anchor.removeAttribute('aria-describedby');
    }
    this.anchor = cell;
    fill(this.element, content);
    cell.setAttribute('aria-describedby', this.element.id);
    this.element.hidden = false;
    this.place(cell);
  }

  hide(): void {
    this.anchor?.removeAttribute('aria-describedby');
    this.anchor = undefined;
    this.element.hidden = true;
  }

  /** After rows changed: a popover whose cell was replaced or hidden goes away. */
  sync(): void {
    if (this.anchor && (!this.anchor.isConnected || this.anchor.closest('tr')?.hidden)) {
      this.hide();
    }
  }

  /** Below the cell (above when there is no room), inside the window. */
  private place(cell: HTMLElement): void {
    const box = cell.getBoundingClientRect();
    const own = this.element.getBoundingClientRect();
    const left = Math.max(GAP, Math.min(box.left, window.innerWidth - own.width - GAP));
    const below = box.bottom + GAP + own.height <= window.innerHeight || box.top < own.height + GAP;
    const top = below ? box.bottom + GAP : box.top - own.height - GAP;
    this.element.style.left = `${left + window.scrollX}px`;
    this.element.style.top = `${top + window.scrollY}px`;
  }

  private focusIn(target: EventTarget | null): void {
    const cell = this.cellOf(target);
    if (cell) {
      this.show(cell);
    } else if (this.anchor && target !== this.anchor) {
      this.hide();
    }
  }

  private focusOut(event: FocusEvent): void {
    if (this.anchor && event.target === this.anchor && event.relatedTarget !== this.anchor) {
      this.hide();
    }
  }

  private mouseOver(target: EventTarget | null): void {
    const cell = this.cellOf(target);
    if (cell && cell !== this.anchor) {
      this.show(cell);
    }
  }

  /** Leaving the cell (not for the popover itself) or the popover (not for its cell) closes it, unless the cell has the focus. */
  private mouseOut(event: MouseEvent): void {
    const anchor = this.anchor;
    if (!anchor || document.activeElement === anchor) {
      return;
    }
    const from = event.target instanceof Node ? event.target : null;
    const to = event.relatedTarget instanceof Node ? event.relatedTarget : null;
    const inside = (node: Node | null) => node !== null && (anchor.contains(node) || this.element.contains(node));
    if (inside(from) && !inside(to)) {
      this.hide();
    }
  }
}
