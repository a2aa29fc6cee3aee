/** Marks every element the extension adds to a page, so that the scanner never reads or reacts to it. */
export const OWN_UI_ATTRIBUTE = 'data-kustomer-sidebar';

/** True when the node is, or sits inside, an element the extension added. */
export function isOwnUi(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(`[${OWN_UI_ATTRIBUTE}]`) != null;
}
