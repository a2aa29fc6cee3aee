import { describe, expect, it } from 'vitest';
import { STATUS_HOLD_MS, STATUS_TICK_MS, statusApplyTime } from '../../../lib/page-scan/status-cadence';

describe('status cadence', () => {
  it('applies every answer that comes within the hold at the same moment, whatever the lookup took', () => {
    const sentAt = 10_000;
    const moments = [0, 60, 150, 300, STATUS_HOLD_MS].map((latency) => statusApplyTime(sentAt, sentAt + latency));
    expect(new Set(moments)).toEqual(new Set([sentAt + STATUS_HOLD_MS]));
  });

  it('applies a later answer on the first tick of a fixed clock after it came', () => {
    const sentAt = 0;
    expect(statusApplyTime(sentAt, STATUS_HOLD_MS + 1)).toBe(STATUS_HOLD_MS + STATUS_TICK_MS);
    expect(statusApplyTime(sentAt, STATUS_HOLD_MS + STATUS_TICK_MS - 1)).toBe(STATUS_HOLD_MS + STATUS_TICK_MS);
    expect(statusApplyTime(sentAt, STATUS_HOLD_MS + STATUS_TICK_MS + 1)).toBe(STATUS_HOLD_MS + 2 * STATUS_TICK_MS);
  });
});
