// Filling the page's regions from VNodes, keeping keyboard focus on the same control where it still exists,
// and work done at most once per animation frame, however often it is asked for between frames.
import { materialize } from '../../profile/browser/materialize';
import type { VNode } from '../../profile/view/vnode';

export function region(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`The page has no #${id}`);
  }
  return element;
}

/** The focused element, while the page has the focus (a document remembers its last one after the user left). */
export function focusedElement(): HTMLElement | undefined {
  return document.hasFocus() && document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined;
}

/** What finds a control again after its region is rebuilt: its id, or its action (and preset). */
function selectorFor(element: HTMLElement): string | undefined {
  if (element.id) {
    return `#${CSS.escape(element.id)}`;
  }
  const { action, preset } = element.dataset;
  if (!action) {
    return undefined;
  }
  return preset ? `[data-action="${CSS.escape(action)}"][data-preset="${CSS.escape(preset)}"]` : `[data-action="${CSS.escape(action)}"]`;
}

/**
 * Replaces a region's content. When the focus was inside and its control is gone (Cancel once loading ends),
 * it goes to `fallback` in the region, so the keyboard does not drop back to the top of the page.
 */
export function fill(root: HTMLElement, nodes: readonly VNode[], fallback?: string): void {
  const focused = focusedElement();
  const selector = focused && root.contains(focused) ? (selectorFor(focused) ?? fallback ?? '') : undefined;
  root.replaceChildren(...nodes.map(materialize));
  if (selector !== undefined) {
    const again = (selector && root.querySelector(selector)) || (fallback && root.querySelector(fallback));
    if (again instanceof HTMLElement) {
      again.focus();
    }
  }
}

/** A function that runs `work` on the next animation frame, once, however many times it is called before. */
export function perFrame(work: () => void): () => void {
  let frame = 0;
  return () => {
    if (frame === 0) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        work();
      });
    }
  };
}
