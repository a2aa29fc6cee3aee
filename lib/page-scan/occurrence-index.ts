import type { EmailMatch } from '../email';

/** Where one address appears: a span of a text node, or an element carrying it in an attribute. */
export type Occurrence =
  | { kind: 'text'; email: string; node: Text; start: number; end: number }
  | { kind: 'element'; email: string; node: Element };

/** Occurrences that appeared and disappeared since the last {@link OccurrenceIndex.takeDelta}. */
export interface OccurrenceDelta {
  added: Occurrence[];
  removed: Occurrence[];
}

/** Addresses that appeared on or left the page since the last report. */
export interface EmailChange {
  added: string[];
  removed: string[];
  /** Every address on the page now. */
  emails: string[];
}

/** Which addresses are on the page, where, and what changed: the scanner writes it, the highlighter reads it. */
export interface OccurrenceIndex {
  /** Replaces what a text node holds; returns whether anything changed. */
  setText(node: Text, matches: readonly EmailMatch[]): boolean;
  /** Replaces the addresses an element carries in attributes; returns whether anything changed. */
  setElement(element: Element, emails: readonly string[]): boolean;
  /** Forgets nodes that left the document (cost: number of nodes holding an address, not page size). */
  prune(keep?: (node: Node) => boolean): void;
  /** How many different addresses are on the page. */
  readonly size: number;
  /** Every address on the page. */
  emails(): string[];
  /** Occurrences held by one node. */
  at(node: Node): readonly Occurrence[];
  /** Every occurrence, grouped by node. */
  all(): Occurrence[];
  /** Occurrences added and removed since the last call. */
  takeDelta(): OccurrenceDelta;
  /** Whether the set of addresses differs from the last {@link takeEmailChange}. */
  hasEmailChange(): boolean;
  /** Addresses added and removed since the last call (sorted, so reports do not depend on scan order). */
  takeEmailChange(): EmailChange;
  /** Forgets everything (the page keeps no trace of the scan). */
  clear(): void;
}

/** An empty index (a closure rather than a class: private fields and `this.` do not minify). */
export function createOccurrenceIndex(): OccurrenceIndex {
  const byNode = new Map<Node, Occurrence[]>();
  const counts = new Map<string, number>();
  let reported = new Set<string>();
  let delta: OccurrenceDelta = { added: [], removed: [] };

  function replace(node: Node, previous: Occurrence[] | undefined, next: Occurrence[]): void {
    for (const occurrence of previous ?? []) {
      const count = (counts.get(occurrence.email) ?? 1) - 1;
      if (count > 0) counts.set(occurrence.email, count);
      else counts.delete(occurrence.email);
      delta.removed.push(occurrence);
    }
    for (const occurrence of next) {
      counts.set(occurrence.email, (counts.get(occurrence.email) ?? 0) + 1);
      delta.added.push(occurrence);
    }
    if (next.length > 0) byNode.set(node, next);
    else byNode.delete(node);
  }

  const emails = () => [...counts.keys()];

  return {
    setText(node, matches) {
      const previous = byNode.get(node);
      if (!previous && matches.length === 0) return false;
      if (previous && sameText(previous, matches)) return false;
      replace(
        node,
        previous,
        matches.map((match) => ({ kind: 'text', node, ...match })),
      );
      return true;
    },
    setElement(element, list) {
      const previous = byNode.get(element);
      if (!previous && list.length === 0) return false;
      if (previous && previous.length === list.length && previous.every((item, i) => item.email === list[i])) {
        return false;
      }
      replace(
        element,
        previous,
        list.map((email) => ({ kind: 'element', email, node: element })),
      );
      return true;
    },
    prune(keep = (node) => node.isConnected) {
      for (const [node, previous] of byNode) if (!keep(node)) replace(node, previous, []);
    },
    get size() {
      return counts.size;
    },
    emails,
    at: (node) => byNode.get(node) ?? [],
    all: () => [...byNode.values()].flat(),
    takeDelta() {
      const taken = delta;
      delta = { added: [], removed: [] };
      return taken;
    },
    hasEmailChange() {
      if (reported.size !== counts.size) return true;
      for (const email of counts.keys()) if (!reported.has(email)) return true;
      return false;
    },
    takeEmailChange() {
      const sorted = emails().sort();
      const current = new Set(sorted);
      const added = sorted.filter((email) => !reported.has(email));
      const removed = [...reported].filter((email) => !current.has(email)).sort();
      reported = current;
      return { added, removed, emails: sorted };
    },
    clear() {
      byNode.clear();
      counts.clear();
      reported.clear();
      delta = { added: [], removed: [] };
    },
  };
}

function sameText(previous: readonly Occurrence[], matches: readonly EmailMatch[]): boolean {
  if (previous.length !== matches.length) return false;
  return previous.every((item, i) => {
    const match = matches[i];
    return (
      item.kind === 'text' &&
      match &&
      item.email === match.email &&
      item.start === match.start &&
      item.end === match.end
    );
  });
}
