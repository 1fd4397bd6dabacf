// Turns a page description (VNode) into DOM nodes, for every webview page (profile, team availability).
import type { VNode } from '../view/vnode';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** DOM nodes from a VNode: text becomes text nodes, attributes are set one by one. Never innerHTML. */
export function materialize(node: VNode): Node {
  if (typeof node === 'string') {
    return document.createTextNode(node);
  }
  const element = node.svg ? document.createElementNS(SVG_NS, node.tag) : document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    element.setAttribute(name, value);
  }
  for (const child of node.children) {
    element.appendChild(materialize(child));
  }
  return element;
}
