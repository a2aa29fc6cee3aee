import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ANNOUNCEMENT_MS, announce, announcement } from '../../../lib/ui/announcer';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('shows a status message for a while, and a newer one is not cut short by the older timer', () => {
  announce('Note queued.');
  expect(announcement.value?.text).toBe('Note queued.');
  vi.advanceTimersByTime(ANNOUNCEMENT_MS - 1000);
  announce('Message queued.');
  vi.advanceTimersByTime(1000);
  expect(announcement.value?.text).toBe('Message queued.');
  vi.advanceTimersByTime(ANNOUNCEMENT_MS);
  expect(announcement.value).toBeNull();
});
