import { signal } from '@preact/signals';

/** The last status message for the agent ("Note queued"), read out by an aria-live region. */
export const announcement = signal<{ text: string; id: number } | null>(null);
let counter = 0;

/** How long a status message stays on screen. */
export const ANNOUNCEMENT_MS = 4000;

/** Shows and announces a short status message, then removes it. */
export function announce(text: string): void {
  counter += 1;
  const id = counter;
  announcement.value = { text, id };
  setTimeout(() => {
    if (announcement.value?.id === id) announcement.value = null;
  }, ANNOUNCEMENT_MS);
}
