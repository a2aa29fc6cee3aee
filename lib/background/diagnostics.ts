import { agentMessage } from '../kustomer/agent-message';
import { KustomerError } from '../kustomer/errors';
import type { DiagnosticArea, DiagnosticEvent } from '../messaging/model';
import { ServiceError } from '../service-error';
import type { StorageItem } from '../storage-item';
import { diagnosticsItem } from './storage-items';

/** Events kept: the oldest go first. */
export const MAX_DIAGNOSTIC_EVENTS = 200;
/** Longest message kept, after scrubbing. */
export const MAX_DIAGNOSTIC_MESSAGE = 200;

/** Records a failure the background swallows; never throws, never waits. */
export type Report = (area: DiagnosticArea, operation: string, error: unknown) => void;

export interface Diagnostics {
  record: Report;
  /** A `.catch` handler that records the failure and answers `fallback` instead. */
  swallow<T = undefined>(area: DiagnosticArea, operation: string, fallback?: T): (error: unknown) => T;
  /** The events, oldest first (after every recorded one is written). */
  list(): Promise<DiagnosticEvent[]>;
  clear(): Promise<void>;
}

// Kinds whose message our own code wrote (ServiceError, ErrorInfo). Any other kind is Kustomer's, and its
// text may quote what Kustomer received (a note body in a validation error): it is described from facts.
const OWN_KINDS = ['not_connected', 'refused', 'invalid_message', 'internal'];

/**
 * What may stay of a message. In order: URLs lose everything after their host (queries carry tokens),
 * `Bearer x`, `api_key=x` and the like lose their value, addresses become `[email]` (customer data), and any
 * run of 20 or more token characters (API keys, JWT parts, base64, hex) becomes `[redacted]`.
 */
const SCRUBS: [RegExp, string][] = [
  [/\b([a-z][\w+.-]*:\/\/)(?:[^\s/@]*@)?([^\s/?#]*)\S*/gi, '$1$2'],
  [
    /\b(bearer|basic|authorization|\w*(?:key|token|secret|password|code|verifier))[\s"':=]{1,4}(?:(?:bearer|basic) )?[^\s"',;]+/gi,
    '$1 [redacted]',
  ],
  [/[^\s@"'<(]+@[^\s@"'>)]+/g, '[email]'],
  [/[\w+/=~-]{20,}/g, '[redacted]'],
];

/** A message with nothing in it that could be a credential, an address or a long opaque value. */
export function scrub(text: string): string {
  let clean = text.replace(/\s+/g, ' ').trim();
  for (const [pattern, replacement] of SCRUBS) clean = clean.replace(pattern, replacement);
  return clean.slice(0, MAX_DIAGNOSTIC_MESSAGE);
}

const word = (value: unknown) => (typeof value === 'string' && /^[\w-]{1,32}$/.test(value) ? value : undefined);

/** The event for a thrown value, from an allow-list of its fields: kind, status, reason, host. */
export function toDiagnosticEvent(
  area: DiagnosticArea,
  operation: string,
  error: unknown,
  at: number,
): DiagnosticEvent {
  const facts = (error instanceof ServiceError ? error.info : error) as Record<string, unknown> | undefined;
  const kind = word(facts?.kind);
  const status = typeof facts?.status === 'number' && /^[1-5]\d\d$/.test(String(facts.status)) ? facts.status : 0;
  const reason = word(facts?.reason);
  const host = typeof facts?.host === 'string' && /^[\w.:[\]-]{1,253}$/.test(facts.host) ? facts.host : undefined;
  let message: string;
  if (kind && !OWN_KINDS.includes(kind)) {
    // Rebuilt from the facts alone: Kustomer's detail, issues and message never reach the log.
    message = agentMessage(new KustomerError({ kind: kind as KustomerError['kind'], message: '', status, host }));
  } else if (kind && typeof facts?.message === 'string') {
    message = facts.message;
  } else {
    // "TypeError: …", or Chrome's "Error: No tab with id: 4"; a thrown non-error is not read at all.
    message = error instanceof Error ? String(error) : 'Not an error';
  }
  const event: DiagnosticEvent = {
    at,
    area,
    operation,
    kind: kind ?? (error instanceof Error ? 'exception' : 'unknown'),
    message: scrub(message),
  };
  if (status) event.status = status;
  if (reason) event.reason = reason;
  if (host) event.host = host;
  return event;
}

// Two events are the same failure when they differ only in time and count.
const sameFailure = (a: DiagnosticEvent, b: DiagnosticEvent) =>
  JSON.stringify({ ...a, at: 0, count: 0 }) === JSON.stringify({ ...b, at: 0, count: 0 });

/** Appends a batch, counting a failure that repeats the one before instead of keeping it twice. */
export function appendEvents(stored: DiagnosticEvent[], batch: DiagnosticEvent[]): DiagnosticEvent[] {
  const events = [...stored];
  for (const event of batch) {
    const last = events[events.length - 1];
    if (last && sameFailure(last, event)) {
      events[events.length - 1] = { ...last, at: event.at, count: (last.count ?? 1) + (event.count ?? 1) };
    } else {
      events.push(event);
    }
  }
  return events.slice(-MAX_DIAGNOSTIC_EVENTS);
}

/**
 * The background's diagnostics log: failures it swallows (and a few it hands on), kept in `storage.session`
 * so a stopped worker keeps them until the browser closes. Events recorded in the same turn are written
 * together, one read and one write per batch, in order.
 */
export function createDiagnostics(
  now: () => number = Date.now,
  item: StorageItem<DiagnosticEvent[]> = diagnosticsItem,
): Diagnostics {
  let batch: DiagnosticEvent[] | undefined;

  function write(change: (events: DiagnosticEvent[]) => DiagnosticEvent[]): Promise<unknown> {
    // A failed write loses its batch: the log must never become a failure of its own.
    return item.update(change).catch(() => undefined);
  }

  const record: Report = (area, operation, error) => {
    try {
      const event = toDiagnosticEvent(area, operation, error, now());
      if (batch) {
        batch.push(event);
        return;
      }
      const taken = [event];
      batch = taken;
      void write((events) => {
        if (batch === taken) batch = undefined;
        return appendEvents(events, taken);
      });
    } catch {
      // Reading a hostile error's fields threw: nothing to record, and nothing to throw.
    }
  };

  return {
    record,
    swallow:
      <T>(area: DiagnosticArea, operation: string, fallback?: T) =>
      (error: unknown) => {
        record(area, operation, error);
        return fallback as T;
      },
    async list() {
      await item.settled();
      return item.getValue();
    },
    async clear() {
      await write(() => []);
    },
  };
}
