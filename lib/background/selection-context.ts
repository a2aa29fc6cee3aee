import { findEmails } from '../email';

/**
 * What a quick note learns from the page around the selection (issue 17 bug 7, issue 21 finding 5): the selected
 * text as the agent sees it, and the visible text of the blocks around it, nearest first. Read by
 * {@link readSelectionContext}, run in the page's frame by `scripting.executeScript` (the context menu's and the
 * command's activeTab grant allow it on any page), in the extension's isolated world: the page can restyle its
 * text but not replace the functions used here.
 */
export interface SelectionContext {
  /** The whole selected text (`Selection.toString()`), hidden parts included: the note's body. */
  text: string;
  /** Only the selected text a person can see: rendered, of normal size, not transparent, not clipped. */
  visible: string;
  /** Visible text of the selection's enclosing blocks, innermost first (for "nearest address on the page"). */
  around: string[];
}

/** Where the quick note's customer came from, as the form says it. */
export type TargetSource = 'selection' | 'nearby';

/**
 * The selection context of the frame it runs in. Self-contained (no imports, no closures): executeScript sends
 * its source. Text is "visible" when its element passes `checkVisibility` (display, visibility, opacity up the
 * tree), has a font size of at least 6 px, a colour and text fill that are not transparent, no `clip` or
 * `clip-path` on it or an ancestor, and a box inside the page that is not cut off by an ancestor's overflow.
 */
export function readSelectionContext(): SelectionContext {
  const MIN_FONT_PX = 6;
  const MAX_TEXT = 4000;
  const selection = getSelection();
  const text = selection?.toString() ?? '';
  if (!selection || selection.rangeCount === 0) return { text, visible: '', around: [] };
  const range = selection.getRangeAt(0);
  const transparent = (color: string) => color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color);
  const seen = new Map<Element, boolean>();
  const visibleElement = (element: Element): boolean => {
    const known = seen.get(element);
    if (known !== undefined) return known;
    let ok = element.checkVisibility
      ? element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      : true;
    const style = getComputedStyle(element);
    if (ok) {
      ok =
        Number.parseFloat(style.fontSize) >= MIN_FONT_PX &&
        !transparent(style.color) &&
        !transparent(style.getPropertyValue('-webkit-text-fill-color') || style.color);
    }
    const box = element.getBoundingClientRect();
    if (ok) ok = box.width > 0 && box.height > 0 && box.right + scrollX > 0 && box.bottom + scrollY > 0;
    for (
      let node: Element | null = element;
      ok && node && node !== document.documentElement;
      node = node.parentElement
    ) {
      const css = node === element ? style : getComputedStyle(node);
      if ((css.clip && css.clip !== 'auto') || (css.clipPath && css.clipPath !== 'none')) ok = false;
      else if (node !== element && css.overflow !== 'visible') {
        // Text pushed out of a box that hides its overflow (a 1 px "sr-only" box) is not seen.
        const outer = node.getBoundingClientRect();
        const width = Math.min(box.right, outer.right) - Math.max(box.left, outer.left);
        const height = Math.min(box.bottom, outer.bottom) - Math.max(box.top, outer.top);
        if (width < box.width / 2 || height < box.height / 2) ok = false;
      }
    }
    seen.set(element, ok);
    return ok;
  };
  /** The visible text of the text nodes under `root` (within `limit` when given). */
  const visibleText = (root: Node, limit?: Range): string => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let out = '';
    for (let node = walker.nextNode(); node && out.length < MAX_TEXT; node = walker.nextNode()) {
      if (limit && !limit.intersectsNode(node)) continue;
      const parent = node.parentElement;
      if (!parent || !visibleElement(parent)) continue;
      let value = node.nodeValue ?? '';
      if (limit && node === limit.endContainer) value = value.slice(0, limit.endOffset);
      if (limit && node === limit.startContainer) value = value.slice(limit.startOffset);
      out += `${value} `;
    }
    return out;
  };
  const start = range.commonAncestorContainer;
  const visible =
    start.nodeType === Node.TEXT_NODE ? visibleText(start.parentNode ?? start, range) : visibleText(start, range);
  const around: string[] = [];
  let block = start.nodeType === Node.TEXT_NODE ? start.parentElement : (start as Element);
  for (let level = 0; block && level < 6; level++, block = block.parentElement) {
    around.push(visibleText(block));
    if (block === document.body) break;
  }
  return { text, visible, around };
}

/** The customer address a quick note starts with: one visible in the selection, else the nearest visible one. */
export function targetEmail(context: SelectionContext): { email: string; from: TargetSource } | undefined {
  const inSelection = findEmails(context.visible)[0]?.email;
  if (inSelection) return { email: inSelection, from: 'selection' };
  for (const text of context.around) {
    const nearby = findEmails(text)[0]?.email;
    if (nearby) return { email: nearby, from: 'nearby' };
  }
  return undefined;
}

/** Runs {@link readSelectionContext} in a tab's frame; undefined when the page cannot be scripted. */
export async function selectionContextOf(
  executeScript: (injection: {
    target: { tabId: number; frameIds?: number[] };
    func: () => SelectionContext;
  }) => Promise<{ result?: unknown }[]>,
  tabId: number,
  frameId?: number,
): Promise<SelectionContext | undefined> {
  const target = frameId ? { tabId, frameIds: [frameId] } : { tabId };
  const [first] = await executeScript({ target, func: readSelectionContext });
  const result = first?.result as Partial<SelectionContext> | undefined;
  if (!result || typeof result.text !== 'string' || typeof result.visible !== 'string') return undefined;
  const around = Array.isArray(result.around) ? result.around.filter((item) => typeof item === 'string') : [];
  return { text: result.text, visible: result.visible, around };
}
