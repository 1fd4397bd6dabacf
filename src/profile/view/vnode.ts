/**
 * A tiny description of the page: elements with attributes and children, and text. The browser turns it
 * into DOM nodes with createElement/createTextNode (never innerHTML), so a name holding `<script>` is text.
 * Being plain data, it is also what the unit tests inspect.
 */
export interface VElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly VNode[];
  /** SVG elements need their namespace. */
  readonly svg?: boolean;
}

export type VNode = VElement | string;

type Child = VNode | undefined | false | readonly (VNode | undefined | false)[];

function flatten(children: readonly Child[]): VNode[] {
  return children.flatMap((child) => (Array.isArray(child) ? flatten(child) : child === undefined || child === false ? [] : [child as VNode]));
}

export function h(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): VElement {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) {
      kept[name] = value;
    }
  }
  return { tag, attrs: kept, children: flatten(children) };
}

export function svg(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): VElement {
  return { ...h(tag, attrs, ...children), svg: true };
}

/** All the text of a node, in order (for tests and accessible names). */
export function textOf(node: VNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
