import { OWN_UI_ATTRIBUTE } from './own-ui';

/** Elements whose text is code, hidden, or something the user is typing into (both cases: XHTML keeps lower case). */
const SKIPPED_TAG_NAMES = ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'HEAD'];
const SKIPPED_TAGS = new Set([...SKIPPED_TAG_NAMES, ...SKIPPED_TAG_NAMES.map((name) => name.toLowerCase())]);

/** The same rules as a selector (lower-case tag names, which also match HTML elements). */
const SKIPPED_SELECTOR = `${SKIPPED_TAG_NAMES.join().toLowerCase()},[${OWN_UI_ATTRIBUTE}],[contenteditable]:not([contenteditable="false"])`;

/** True when the element's own subtree must not be scanned. */
export function isSkippedElement(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName)) return true;
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute(OWN_UI_ATTRIBUTE)) return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** True when the node sits inside a skipped element (checked for roots that arrive through mutations). */
export function isInsideSkipped(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(SKIPPED_SELECTOR) != null;
}
