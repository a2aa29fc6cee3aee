import { type ReadonlySignal, signal } from '@preact/signals';
import { request } from '../messaging/client';
import type { CustomerCard } from '../view-models';

/** A lookup sent the moment an intent named an address, before the customer screen exists. */
export interface EarlyLookup {
  email: string;
  /** The background's answer; the first load of the screen awaits this instead of asking again. */
  answer: Promise<CustomerCard | null>;
  /** The card once the answer came (undefined before, or when the lookup failed): painted without waiting a frame. */
  card: ReadonlySignal<CustomerCard | null | undefined>;
  /** Hands out `answer` once: a Retry or a reload of the screen asks the background afresh. */
  claim(): Promise<CustomerCard | null> | undefined;
}

let pending: EarlyLookup | undefined;

/**
 * Asks the background for an address's card now (it joins the lookup the right-click already started),
 * so the answer travels while the panel is still rendering its shell. The next customer screen for the
 * same address takes it with {@link takeEarlyLookup}.
 */
export function startEarlyLookup(
  email: string,
  send: (email: string) => Promise<CustomerCard | null> = (address) => request('lookupEmail', { email: address }),
): EarlyLookup {
  const card = signal<CustomerCard | null | undefined>(undefined);
  const answer = send(email);
  // A failure is the screen's to show (through its own load); here it only must not go unhandled.
  answer.then(
    (value) => {
      card.value = value;
    },
    () => undefined,
  );
  let claimed = false;
  const lookup: EarlyLookup = {
    email,
    answer,
    card,
    claim() {
      if (claimed) return undefined;
      claimed = true;
      return answer;
    },
  };
  pending = lookup;
  return lookup;
}

/** The early lookup of this address if one is waiting for its screen, removed so a later screen asks again. */
export function takeEarlyLookup(email: string | undefined): EarlyLookup | undefined {
  if (email === undefined || pending?.email !== email) return undefined;
  const lookup = pending;
  pending = undefined;
  return lookup;
}
