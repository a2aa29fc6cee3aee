import { t } from '../i18n/t';
import { backoffDelay } from '../kustomer/retry-policy';
import type { ConnectionId, ErrorInfo, OutboxItem, WriteAbout, WriteRequest } from '../messaging/model';
import { ServiceError } from '../service-error';
import { describeError } from './describe-error';
import type { Report } from './diagnostics';
import type { KustomerPort } from './kustomer-port';
import { type SendOutcome, sendWrite } from './outbox-send';
import type { AlarmsApi } from './platform';
import { outboxItem } from './storage-items';

/** Alarm that wakes the worker to retry queued writes. */
export const OUTBOX_ALARM = 'kustomer-outbox';
/** Transient failures retried before an item is shown as failed (the agent can still retry it). */
export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 15 * 60_000;
/** How soon a job Kustomer is still running (a bulk update) is looked at again. */
export const FOLLOW_JOB_MS = 2_000;
/** Sent items kept for the outbox list, newest first. */
export const KEEP_SENT = 20;

const TRANSIENT: readonly ErrorInfo['kind'][] = ['network', 'timeout', 'server', 'rate_limited', 'aborted'];

export interface OutboxDeps {
  /** The client of the organisation an item was written for (its `connectionId`), and of no other. */
  client: (connectionId: ConnectionId | undefined) => Promise<KustomerPort>;
  /**
   * Whether an organisation is connected now. An item whose organisation is not (signed out) is held, never
   * sent elsewhere, until the agent connects it again or discards it.
   */
  isConnected?: (connectionId: ConnectionId) => Promise<boolean>;
  alarms: AlarmsApi;
  now: () => number;
  newId: () => string;
  random: () => number;
  /** Pushes `outboxChanged` to pages. */
  onChange: (items: OutboxItem[]) => Promise<void> | void;
  /** A write landed: cached customer cards may be stale. */
  onSent?: (item: OutboxItem) => Promise<void> | void;
  send?: typeof sendWrite;
  /** API origin of an organisation's connection now: a write is only ever sent to the one it was written for. */
  destination?: (connectionId: ConnectionId | undefined) => Promise<string | undefined>;
  /** The diagnostics log: every failed attempt (its kind and status, never the write's text). */
  report?: Report;
}

export interface Outbox {
  /**
   * Persists the write first, stamped with the organisation it is for, then starts sending it; answers the
   * queued item.
   */
  enqueue(request: WriteRequest, about: WriteAbout | undefined, connectionId: ConnectionId): Promise<OutboxItem>;
  list(): Promise<OutboxItem[]>;
  /** Sends a queued or failed item now. */
  retry(id: string): Promise<OutboxItem>;
  /** Forgets a queued or failed item (one being sent can't be recalled). */
  discard(id: string): Promise<OutboxItem[]>;
  /** Sends every due item, one at a time; resumes items a stopped worker left in 'sending'. */
  processDue(): Promise<void>;
  /** Worker start: re-arm the alarm and send what is due. */
  resume(): Promise<void>;
}

/** Wait before retry `attempt` (1-based): exponential with jitter, at least Kustomer's Retry-After. */
export function retryDelay(attempt: number, random: () => number, retryAfterMs?: number): number {
  const jittered = backoffDelay(Math.max(0, attempt - 1), random, { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS });
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Nothing typed is lost: every write is stored in storage.local before it is sent. States:
 * queued → sending → sent; sending → queued (transient error, retried by alarm) → …; sending → failed
 * (permanent error or too many attempts) → queued again when the agent retries, or discarded.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const send = deps.send ?? sendWrite;
  let processing: Promise<void> | undefined;
  let again = false;

  /** One step of the stored list: `change` edits a copy and answers a result; pages are told in write order. */
  async function mutate<T>(change: (items: OutboxItem[]) => T): Promise<{ items: OutboxItem[]; result: T }> {
    let result: T | undefined;
    const kept = await outboxItem.update(
      (stored) => {
        const items = structuredClone(stored);
        result = change(items);
        return trimSent(items);
      },
      (items) => deps.onChange(items),
    );
    return { items: kept, result: result as T };
  }

  function trimSent(items: OutboxItem[]): OutboxItem[] {
    const sent = items.filter((item) => item.state === 'sent').sort((a, b) => b.createdAt - a.createdAt);
    const dropped = new Set(sent.slice(KEEP_SENT).map((item) => item.id));
    return items.filter((item) => !dropped.has(item.id));
  }

  async function armAlarm(items: OutboxItem[]): Promise<void> {
    const due = items
      .filter((item) => item.state === 'queued')
      .map((item) => item.nextAttemptAt ?? deps.now())
      .sort((a, b) => a - b)[0];
    if (due === undefined) await deps.alarms.clear(OUTBOX_ALARM);
    else await deps.alarms.create(OUTBOX_ALARM, { when: Math.max(due, deps.now() + 1_000) });
  }

  async function sendOne(id: string): Promise<void> {
    const claimed = await mutate((items) => {
      const item = items.find((candidate) => candidate.id === id);
      if (item?.state !== 'queued') return undefined;
      item.state = 'sending';
      item.attempts += 1;
      delete item.nextAttemptAt;
      return structuredClone(item);
    });
    const item = claimed.result;
    if (!item) return;
    let outcome: SendOutcome | undefined;
    let failure: ErrorInfo | undefined;
    try {
      const current = await deps.destination?.(item.connectionId);
      if (item.destination && current && current !== item.destination) {
        // Signed out and connected elsewhere (another organisation?): never deliver it there.
        throw new ServiceError({
          kind: 'refused',
          message: t('error.service.writtenElsewhere', { destination: item.destination }),
        });
      }
      if (item.connectionId && deps.isConnected && !(await deps.isConnected(item.connectionId))) {
        throw new ServiceError({
          kind: 'refused',
          message: item.about?.org
            ? t('error.service.connectOrgAgain', { org: item.about.org })
            : t('error.service.connectItsOrgAgain'),
        });
      }
      const client = await deps.client(item.connectionId);
      outcome = await send({
        client,
        item,
        saveProgress: async (request) => {
          await mutate((items) => {
            const stored = items.find((candidate) => candidate.id === id);
            if (stored) stored.request = request;
          });
        },
      });
    } catch (error) {
      failure = describeError(error);
      deps.report?.('outbox', `send ${item.request.kind}`, error);
    }
    const { result: finished } = await mutate((items) => {
      const stored = items.find((candidate) => candidate.id === id);
      if (!stored) return undefined;
      if (outcome?.pending) {
        // Accepted, still running (a bulk job): look again soon; following it is not a failed attempt.
        stored.state = 'queued';
        stored.progress = outcome.pending;
        stored.attempts -= 1;
        stored.nextAttemptAt = deps.now() + FOLLOW_JOB_MS;
        if (outcome.request) stored.request = outcome.request;
      } else if (outcome) {
        stored.state = 'sent';
        delete stored.progress;
        stored.resultId = outcome.resultId;
        if (outcome.request) stored.request = outcome.request;
        delete stored.lastError;
      } else if (failure) {
        stored.lastError = failure;
        if (TRANSIENT.includes(failure.kind) && stored.attempts < MAX_ATTEMPTS) {
          stored.state = 'queued';
          stored.nextAttemptAt = deps.now() + retryDelay(stored.attempts, deps.random, failure.retryAfterMs);
        } else {
          stored.state = 'failed';
        }
      }
      return structuredClone(stored);
    });
    if (finished?.state === 'sent') await deps.onSent?.(finished);
  }

  async function runDue(): Promise<void> {
    do {
      again = false;
      const items = await outboxItem.getValue();
      const at = deps.now();
      const due = items
        .filter((item) => item.state === 'queued' && (item.nextAttemptAt ?? 0) <= at)
        .sort((a, b) => a.createdAt - b.createdAt);
      for (const item of due) await sendOne(item.id);
    } while (again);
    await armAlarm(await outboxItem.getValue());
  }

  function processDue(): Promise<void> {
    if (processing) {
      again = true;
      return processing;
    }
    processing = runDue().finally(() => {
      processing = undefined;
    });
    return processing;
  }

  // The request is answered before sending starts; a failure to even read the outbox is only logged.
  function sendInBackground(): void {
    processDue().catch((error: unknown) => deps.report?.('outbox', 'process', error));
  }

  function find(items: OutboxItem[], id: string): OutboxItem {
    const item = items.find((candidate) => candidate.id === id);
    if (!item) throw new ServiceError({ kind: 'not_found', message: t('error.service.writeGone') });
    return item;
  }

  return {
    async enqueue(request, about, connectionId) {
      const destination = await deps.destination?.(connectionId);
      const item: OutboxItem = {
        id: deps.newId(),
        connectionId,
        request,
        state: 'queued',
        attempts: 0,
        createdAt: deps.now(),
        ...(destination ? { destination } : {}),
        ...(about ? { about } : {}),
      };
      await mutate((items) => {
        items.push(item);
      });
      sendInBackground();
      return item;
    },
    list: () => outboxItem.getValue(),
    async retry(id) {
      const { result } = await mutate((items) => {
        const item = find(items, id);
        if (item.state === 'failed' || item.state === 'queued') {
          item.state = 'queued';
          item.nextAttemptAt = deps.now();
          // An item that used up its automatic retries gets one more attempt when the agent asks.
          if (item.attempts >= MAX_ATTEMPTS) item.attempts = MAX_ATTEMPTS - 1;
        }
        return structuredClone(item);
      });
      sendInBackground();
      return result;
    },
    async discard(id) {
      const { items } = await mutate((items) => {
        const index = items.findIndex((candidate) => candidate.id === id);
        if (index === -1) return;
        if (items[index]?.state === 'sending') {
          throw new ServiceError({ kind: 'conflict', message: t('error.service.writeSending') });
        }
        items.splice(index, 1);
      });
      await armAlarm(items);
      return items;
    },
    processDue,
    async resume() {
      // A worker stopped mid-send left 'sending' items: their outcome is unknown, so they go back to
      // the queue and the next attempt checks Kustomer before resending (attempts > 1).
      await mutate((items) => {
        for (const item of items) {
          if (item.state === 'sending') {
            item.state = 'queued';
            item.nextAttemptAt = deps.now();
          }
        }
      });
      await processDue();
    },
  };
}
