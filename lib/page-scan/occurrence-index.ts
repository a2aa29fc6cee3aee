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
export class OccurrenceIndex {
  private readonly byNode = new Map<Node, Occurrence[]>();
  private readonly counts = new Map<string, number>();
  private reported = new Set<string>();
  private delta: OccurrenceDelta = { added: [], removed: [] };

  /** Replaces what a text node holds; returns whether anything changed. */
  setText(node: Text, matches: readonly EmailMatch[]): boolean {
    const previous = this.byNode.get(node);
    if (!previous && matches.length === 0) return false;
    if (previous && sameText(previous, matches)) return false;
    const next: Occurrence[] = matches.map((match) => ({ kind: 'text', node, ...match }));
    this.replace(node, previous, next);
    return true;
  }

  /** Replaces the addresses an element carries in attributes; returns whether anything changed. */
  setElement(element: Element, emails: readonly string[]): boolean {
    const previous = this.byNode.get(element);
    if (!previous && emails.length === 0) return false;
    if (previous && previous.length === emails.length && previous.every((item, i) => item.email === emails[i])) {
      return false;
    }
    const next: Occurrence[] = emails.map((email) => ({ kind: 'element', email, node: element }));
    this.replace(element, previous, next);
    return true;
  }

  /** Forgets nodes that left the document (cost: number of nodes holding an address, not page size). */
  prune(keep: (node: Node) => boolean = (node) => node.isConnected): void {
    for (const [node, previous] of this.byNode) if (!keep(node)) this.replace(node, previous, []);
  }

  /** How many different addresses are on the page. */
  get size(): number {
    return this.counts.size;
  }

  /** Every address on the page. */
  emails(): string[] {
    return [...this.counts.keys()];
  }

  /** Occurrences held by one node. */
  at(node: Node): readonly Occurrence[] {
    return this.byNode.get(node) ?? [];
  }

  /** Every occurrence, grouped by node. */
  all(): Occurrence[] {
    return [...this.byNode.values()].flat();
  }

  /** Occurrences added and removed since the last call. */
  takeDelta(): OccurrenceDelta {
    const delta = this.delta;
    this.delta = { added: [], removed: [] };
    return delta;
  }

  /** Whether the set of addresses differs from the last {@link takeEmailChange}. */
  hasEmailChange(): boolean {
    if (this.reported.size !== this.counts.size) return true;
    for (const email of this.counts.keys()) if (!this.reported.has(email)) return true;
    return false;
  }

  /** Addresses added and removed since the last call (sorted, so reports do not depend on scan order). */
  takeEmailChange(): EmailChange {
    const emails = this.emails().sort();
    const current = new Set(emails);
    const added = emails.filter((email) => !this.reported.has(email));
    const removed = [...this.reported].filter((email) => !current.has(email)).sort();
    this.reported = current;
    return { added, removed, emails };
  }

  /** Forgets everything (the page keeps no trace of the scan). */
  clear(): void {
    this.byNode.clear();
    this.counts.clear();
    this.reported.clear();
    this.delta = { added: [], removed: [] };
  }

  private replace(node: Node, previous: Occurrence[] | undefined, next: Occurrence[]): void {
    for (const occurrence of previous ?? []) {
      const count = (this.counts.get(occurrence.email) ?? 1) - 1;
      if (count > 0) this.counts.set(occurrence.email, count);
      else this.counts.delete(occurrence.email);
      this.delta.removed.push(occurrence);
    }
    for (const occurrence of next) {
      this.counts.set(occurrence.email, (this.counts.get(occurrence.email) ?? 0) + 1);
      this.delta.added.push(occurrence);
    }
    if (next.length > 0) this.byNode.set(node, next);
    else this.byNode.delete(node);
  }
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
