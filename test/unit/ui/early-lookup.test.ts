import { describe, expect, it, vi } from 'vitest';
import { startEarlyLookup, takeEarlyLookup } from '../../../lib/ui/early-lookup';
import { ADA_CARD } from '../components/fixtures';

vi.mock('../../../lib/messaging/client', () => import('../components/client-mock'));

const ADA = 'ada.lovelace@example.com';

describe('early lookup', () => {
  it('sends the lookup at once and hands its answer to the first screen of that address only', async () => {
    const send = vi.fn(async () => ADA_CARD);
    startEarlyLookup(ADA, send);
    expect(send).toHaveBeenCalledExactlyOnceWith(ADA);
    const taken = takeEarlyLookup(ADA);
    expect(await taken?.claim()).toEqual(ADA_CARD);
    expect(taken?.claim()).toBeUndefined();
    expect(takeEarlyLookup(ADA)).toBeUndefined();
  });

  it.each([
    ['another address', 'grace.hopper@example.com'],
    ['no address (a customer opened by id)', undefined],
  ])('is not taken by a screen for %s', (_name, email) => {
    startEarlyLookup(ADA, async () => ADA_CARD);
    expect(takeEarlyLookup(email)).toBeUndefined();
    expect(takeEarlyLookup(ADA)?.email).toBe(ADA);
  });

  it('keeps only the newest intent’s lookup', () => {
    startEarlyLookup(ADA, async () => ADA_CARD);
    startEarlyLookup('grace.hopper@example.com', async () => null);
    expect(takeEarlyLookup(ADA)).toBeUndefined();
    expect(takeEarlyLookup('grace.hopper@example.com')).toBeDefined();
  });

  it('shows the card once answered, and nothing when the lookup failed', async () => {
    const found = startEarlyLookup(ADA, async () => ADA_CARD);
    expect(found.card.value).toBeUndefined();
    await vi.waitFor(() => expect(found.card.value).toEqual(ADA_CARD));
    const unknown = startEarlyLookup(ADA, async () => null);
    await vi.waitFor(() => expect(unknown.card.value).toBeNull());
    const failed = startEarlyLookup(ADA, () => Promise.reject(new Error('background gone')));
    await expect(failed.answer).rejects.toThrow('background gone');
    expect(failed.card.value).toBeUndefined();
  });
});
