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

/**
 * A translated sentence with an element inside it (`Total {0} over 5 working days`, the total in bold): the
 * text before `{0}`, the element, the text after. The sentence is translated whole, with no value given for
 * `{0}` (l10n.t then keeps it as it is), so a translation may put the element anywhere.
 */
export function sentenceAround(message: string, node: VNode): VNode[] {
  const at = message.indexOf('{0}');
  return at < 0 ? [message, ' ', node] : [message.slice(0, at), node, message.slice(at + '{0}'.length)].filter((part) => part !== '');
}
