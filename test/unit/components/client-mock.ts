import { vi } from 'vitest';
import type { PushEvent } from '../../../lib/messaging/protocol';

/** Stand-in for lib/messaging/client: `vi.mock('…/lib/messaging/client', () => import('./client-mock'))`. */
export const request = vi.fn();

const listeners = new Set<{ name: string; handler: (event: PushEvent) => void }>();

export const onPushEvent = vi.fn((name: string, handler: (event: PushEvent) => void) => {
  const entry = { name, handler };
  listeners.add(entry);
  return () => listeners.delete(entry);
});

/** Delivers a push event as the background would. */
export function emitPush(event: PushEvent): void {
  for (const entry of [...listeners]) if (entry.name === event.event) entry.handler(event);
}
