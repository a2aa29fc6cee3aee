import { beforeEach, describe, expect, it, vi } from 'vitest';
import { request } from '../../../lib/messaging/client';
import type { PanelIntent } from '../../../lib/messaging/model';
import { bootConnections, bootIntents, bootLookup } from '../../../lib/ui/boot-requests';
import { BOOT, type BootScope, type BootState, lookupKey } from '../../../lib/ui/boot-state';

vi.mock('../../../lib/messaging/client', async (original) => ({
  ...(await original<typeof import('../../../lib/messaging/client')>()),
  request: vi.fn(),
}));

const ada: PanelIntent = { kind: 'showCustomer', email: 'ada@example.com', source: 'contextMenu' };
const note: PanelIntent = { kind: 'quickNote', text: 'Selected words' };
const ok = (value: unknown) => Promise.resolve({ ok: true, value });

function boot(answers: Record<string, Promise<unknown>>, pushedIntents: PanelIntent[] = []): BootState {
  const state = { answers: new Map(Object.entries(answers)), pushedIntents, stopListening: vi.fn() };
  (globalThis as BootScope)[BOOT] = state;
  return state;
}

describe('the app’s side of the panel’s boot requests', () => {
  beforeEach(() => {
    delete (globalThis as BootScope)[BOOT];
    vi.mocked(request).mockReset();
  });

  it('asks the background itself when the page had no boot script (tests, other pages)', async () => {
    vi.mocked(request).mockResolvedValueOnce({ intent: note }).mockResolvedValueOnce([]);
    expect(await bootIntents()).toEqual([note]);
    expect(await bootConnections()).toEqual([]);
    expect(bootLookup('ada@example.com')).toBeUndefined();
    expect(vi.mocked(request).mock.calls.map(([type]) => type)).toEqual(['takePanelIntent', 'getConnections']);
  });

  it('takes each boot answer once, then asks afresh', async () => {
    boot({ getConnections: ok([{ state: 'connected' }]), [lookupKey('ada@example.com')]: ok(null) });
    vi.mocked(request).mockResolvedValue([]);
    expect(await bootConnections()).toEqual([{ state: 'connected' }]);
    expect(await bootConnections()).toEqual([]);
    expect(await bootLookup('ada@example.com')).toBeNull();
    expect(bootLookup('ada@example.com')).toBeUndefined();
    expect(bootLookup('bob@example.com')).toBeUndefined();
  });

  it('follows the intent the boot took, then those pushed before the app listened, each once', async () => {
    const state = boot({ takePanelIntent: ok({ intent: ada }) }, [ada, note]);
    expect(await bootIntents()).toEqual([ada, note]);
    expect(state.stopListening).toHaveBeenCalled();
    expect(state.pushedIntents).toEqual([]);
    expect(request).not.toHaveBeenCalled();
  });

  it('turns a failed boot answer into the same error a request gives, and a failed intent into none', async () => {
    boot({
      getConnections: Promise.resolve({ ok: false, error: { kind: 'auth', message: 'Signed out.' } }),
      takePanelIntent: Promise.reject(new Error('Receiving end does not exist.')),
    });
    await expect(bootConnections()).rejects.toMatchObject({ info: { kind: 'auth', message: 'Signed out.' } });
    expect(await bootIntents()).toEqual([]);
  });
});
