import type { CustomerActivity } from '../messaging/model';
import type { Report } from './diagnostics';
import { customerActivity, type ReadDeps } from './reads';

/** How long a prefetched answer waits for the panel to take it before it is dropped as stale. */
export const PREFETCH_KEPT_MS = 30_000;

export interface CardActivity {
  /** Starts reading a card's company and conversations before the panel asks (a panel intent's customer). */
  prefetch(customerId: string, companyId: string | undefined): void;
  /** The company and conversations: the prefetched answer once (joined if still on its way), else read now. */
  get(customerId: string, companyId: string | undefined): Promise<CustomerActivity>;
}

/**
 * The second part of a customer card. A click or right-click that opens the panel on a customer starts it as
 * soon as the lookup found the customer, in the background, so it travels while the panel is still opening
 * instead of one round trip after the panel painted the card. A prefetched answer is handed out once: a
 * later Retry, or a reload after a write was sent, reads afresh.
 */
export function createCardActivity(reads: ReadDeps, now: () => number, report: Report = () => undefined): CardActivity {
  const prefetched = new Map<string, { at: number; answer: Promise<CustomerActivity> }>();
  const keyOf = (customerId: string, companyId: string | undefined) => `${customerId}|${companyId ?? ''}`;

  return {
    prefetch(customerId, companyId) {
      const at = now();
      for (const [key, entry] of prefetched) if (at - entry.at > PREFETCH_KEPT_MS) prefetched.delete(key);
      const answer = customerActivity(reads, customerId, companyId);
      // Unhandled until the panel takes it; a failure then reaches the panel through `get`, if it ever asks.
      answer.catch((error: unknown) => report('lookup', 'activity prefetch', error));
      prefetched.set(keyOf(customerId, companyId), { at, answer });
    },
    get(customerId, companyId) {
      const key = keyOf(customerId, companyId);
      const entry = prefetched.get(key);
      prefetched.delete(key);
      if (entry && now() - entry.at <= PREFETCH_KEPT_MS) return entry.answer;
      return customerActivity(reads, customerId, companyId);
    },
  };
}
