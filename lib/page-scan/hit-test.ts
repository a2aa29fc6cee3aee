import type { Occurrence, OccurrenceIndex } from './occurrence-index';

/** How many children of the clicked element are checked for highlighted text before giving up. */
const MAX_CHILDREN_CHECKED = 200;

interface CaretDocument {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
}

/**
 * The address under a pointer (the event's `composedPath()` and client coordinates), or null. Highlights are not elements, so the event's innermost target
 * (which pierces open shadow roots) is searched for highlighted text whose boxes contain the point; the caret
 * APIs are the fallback, and elements carrying an address in an attribute (sender chips, mailto links) count too.
 */
export function emailAtPoint(
  index: OccurrenceIndex,
  path: readonly EventTarget[],
  x: number,
  y: number,
): string | null {
  const innermost = path[0];
  if (innermost && isNode(innermost)) {
    const children = innermost.childNodes;
    for (let i = 0; i < children.length && i < MAX_CHILDREN_CHECKED; i++) {
      const hit = textOccurrenceAt(index.at(children[i] as Node), x, y);
      if (hit) return hit.email;
    }
    const caret = caretAt(innermost.ownerDocument ?? null, x, y);
    if (caret) {
      const hit = index
        .at(caret.node)
        .find((item) => item.kind === 'text' && item.start <= caret.offset && caret.offset < item.end);
      if (hit && textOccurrenceAt([hit], x, y)) return hit.email;
    }
  }
  for (const target of path) {
    if (!isNode(target)) continue;
    const carried = index.at(target).find((item) => item.kind === 'element');
    if (carried) return carried.email;
  }
  return null;
}

function textOccurrenceAt(occurrences: readonly Occurrence[], x: number, y: number): Occurrence | null {
  for (const occurrence of occurrences) {
    if (occurrence.kind !== 'text') continue;
    const range = occurrence.node.ownerDocument.createRange();
    range.setStart(occurrence.node, Math.min(occurrence.start, occurrence.node.length));
    range.setEnd(occurrence.node, Math.min(occurrence.end, occurrence.node.length));
    for (const rect of range.getClientRects()) {
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return occurrence;
    }
  }
  return null;
}

function caretAt(document: Document | null, x: number, y: number): { node: Node; offset: number } | null {
  const caretDocument = document as (Document & CaretDocument) | null;
  if (!caretDocument) return null;
  if (typeof caretDocument.caretPositionFromPoint === 'function') {
    const position = caretDocument.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof caretDocument.caretRangeFromPoint === 'function') {
    const range = caretDocument.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

function isNode(target: EventTarget): target is Node {
  return typeof (target as Node).nodeType === 'number';
}
