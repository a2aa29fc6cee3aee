import { signal } from '@preact/signals';

/** The last status message for the agent ("Note queued"), read out by an aria-live region. */
export const announcement = signal<{ text: string; id: number } | null>(null);
let counter = 0;

/** Shows and announces a short status message. */
export function announce(text: string): void {
  counter += 1;
  announcement.value = { text, id: counter };
}
