import { describe, expect, it } from 'vitest';
import {
  boundFrames,
  MAX_SANDBOXED_FRAME_ADDRESSES,
  MAX_TAB_ADDRESS_CHARS,
  MAX_TAB_ADDRESSES,
} from '../../../lib/background/page-detections';

/** 2,000 addresses of about 250 characters, as the attack's frames reported (issue 21, finding 4). */
const longAddresses = (frame: number) =>
  Array.from(
    { length: 2000 },
    (_, i) => `${'a'.repeat(60)}${frame}x${i}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`,
  );

describe('what one tab may store (issue 21, finding 4)', () => {
  it('keeps twelve sandboxed frames of 2,000 long addresses within the tab’s room, top frame first', () => {
    let frames: Record<string, string[]> = { 0: ['ada@example.com'] };
    for (let frame = 1; frame <= 12; frame++) {
      frames = boundFrames({ ...frames, [frame]: longAddresses(frame) }, String(frame));
    }
    const all = Object.values(frames).flat();
    expect(frames[0]).toEqual(['ada@example.com']);
    for (let frame = 1; frame <= 12; frame++) {
      expect(frames[frame]?.length ?? 0).toBeLessThanOrEqual(MAX_SANDBOXED_FRAME_ADDRESSES);
    }
    expect(all.join('').length).toBeLessThanOrEqual(MAX_TAB_ADDRESS_CHARS);
    // Stored once (no union beside the frames): about 160 KB of JSON at most, against 10 MB before.
    expect(JSON.stringify(frames).length).toBeLessThan(160 * 1024);
  });

  it('bounds ordinary frames by count and characters', () => {
    const frames = boundFrames({ 0: longAddresses(0), 1: longAddresses(1) });
    const all = Object.values(frames).flat();
    expect(all.length).toBeLessThanOrEqual(MAX_TAB_ADDRESSES);
    expect(all.join('').length).toBeLessThanOrEqual(MAX_TAB_ADDRESS_CHARS);
    expect(frames[1]).toEqual([]);
    const short = boundFrames({ 0: Array.from({ length: 3000 }, (_, i) => `u${i}@example.com`) });
    expect(short[0]).toHaveLength(MAX_TAB_ADDRESSES);
  });
});
