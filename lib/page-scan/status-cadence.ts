/**
 * When the content script applies the background's answer about which addresses are customers. Lookups of
 * customers and strangers need not take the same time, and the redraw an answer causes runs on the page's
 * thread, where the page can time it. So an answer is never applied when it arrives, but a fixed time after
 * the report it answers was sent, or, when it comes later than that, on the first tick of a fixed clock after
 * it arrived: the page sees the same moment for a customer and a stranger unless a lookup outlasts the hold.
 */

/** From sending a report to applying its answer, in ms: longer than a lookup (two API rounds) usually takes. */
export const STATUS_HOLD_MS = 1_000;
/** Late answers are applied on this clock, counted from the end of the hold. */
export const STATUS_TICK_MS = 500;

/** The time (same clock as the arguments) at which an answer to a report sent at `sentAt`, here at `now`, is applied. */
export function statusApplyTime(sentAt: number, now: number): number {
  const due = sentAt + STATUS_HOLD_MS;
  return now <= due ? due : due + Math.ceil((now - due) / STATUS_TICK_MS) * STATUS_TICK_MS;
}
