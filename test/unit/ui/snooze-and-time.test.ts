import { describe, expect, it } from 'vitest';
import { RELATIVE_FOR_MS, timeLabel } from '../../../lib/ui/format';
import { snoozeUntil } from '../../../lib/ui/snooze';

describe('snoozeUntil', () => {
  // A Wednesday, 14:30 local time.
  const now = new Date(2026, 11, 2, 14, 30);

  it('ends presets in local time', () => {
    expect(snoozeUntil('hour', now)?.getTime()).toBe(now.getTime() + 3600_000);
    expect(snoozeUntil('evening', now)).toEqual(new Date(2026, 11, 2, 18, 0));
    expect(snoozeUntil('tomorrow', now)).toEqual(new Date(2026, 11, 3, 9, 0));
    expect(snoozeUntil('monday', now)).toEqual(new Date(2026, 11, 7, 9, 0));
    expect(snoozeUntil('monday', new Date(2026, 11, 7, 8, 0))).toEqual(new Date(2026, 11, 14, 9, 0));
  });

  it('has no evening once it is past, and no custom time in the past or unparsable', () => {
    expect(snoozeUntil('evening', new Date(2026, 11, 2, 19, 0))).toBeNull();
    expect(snoozeUntil('custom', now, '2026-12-01T10:00')).toBeNull();
    expect(snoozeUntil('custom', now, 'soon')).toBeNull();
    expect(snoozeUntil('custom', now, '2026-12-05T10:00')).toEqual(new Date(2026, 11, 5, 10, 0));
  });
});

describe('timeLabel', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');

  it('is relative within a week and the date past it, always with the exact time', () => {
    expect(timeLabel('2026-12-01T09:00:00Z', now)?.text).toBe('3 hours ago');
    const old = timeLabel(now - RELATIVE_FOR_MS - 1000, now);
    expect(old?.text).toMatch(/^Nov 2[34], 2026$/);
    expect(old?.exact).toMatch(/Nov 2[34], 2026, \d{1,2}:\d\d/);
  });

  it('is null for a missing or invalid date', () => {
    expect(timeLabel(undefined, now)).toBeNull();
    expect(timeLabel('not a date', now)).toBeNull();
  });
});
