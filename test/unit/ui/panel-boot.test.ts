import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PanelIntent } from '../../../lib/messaging/model';
import { BOOT, type BootScope, lookupKey } from '../../../lib/ui/boot-state';
import { sendBootRequests } from '../../../lib/ui/panel-boot';

type Listener = (raw: unknown, sender: { id?: string; tab?: unknown }) => undefined;
const runtime = vi.hoisted(() => ({
  id: 'ourextensionid',
  sendMessage: vi.fn(),
  listeners: [] as ((raw: unknown, sender: { id?: string; tab?: unknown }) => undefined)[],
}));

vi.mock('@wxt-dev/browser', () => ({
  browser: {
    runtime: {
      id: runtime.id,
      sendMessage: runtime.sendMessage,
      onMessage: {
        addListener: (listener: Listener) => runtime.listeners.push(listener),
        removeListener: (listener: Listener) => runtime.listeners.splice(runtime.listeners.indexOf(listener), 1),
      },
    },
  },
}));

const ada: PanelIntent = { kind: 'showCustomer', email: 'ada@example.com', source: 'contextMenu' };
const note: PanelIntent = { kind: 'quickNote', text: 'Selected words' };
const sent = () => runtime.sendMessage.mock.calls.map(([message]) => message.type);

describe('the side panel’s boot script', () => {
  beforeEach(() => {
    delete (globalThis as BootScope)[BOOT];
    runtime.listeners.length = 0;
    runtime.sendMessage.mockReset();
  });

  it('asks for the intent and the connection at once, then the card the intent names', async () => {
    runtime.sendMessage.mockImplementation(async ({ type }) =>
      type === 'takePanelIntent' ? { ok: true, value: { intent: ada } } : { ok: true, value: null },
    );
    sendBootRequests();
    expect(sent()).toEqual(['takePanelIntent', 'getConnections']);
    await vi.waitFor(() => expect(sent()).toEqual(['takePanelIntent', 'getConnections', 'lookupEmail']));
    expect((globalThis as BootScope)[BOOT]?.answers.has(lookupKey(ada.email))).toBe(true);
  });

  it('keeps an intent pushed before the app listens and takes it from storage at once, so it is shown once', () => {
    runtime.sendMessage.mockResolvedValue({ ok: true, value: null });
    sendBootRequests();
    for (const listener of runtime.listeners) listener({ event: 'panelIntent', intent: note }, { id: runtime.id });
    expect((globalThis as BootScope)[BOOT]?.pushedIntents).toEqual([note]);
    expect(sent()).toEqual(['takePanelIntent', 'getConnections', 'takePanelIntent']);
  });

  it('ignores pushes from a tab or another extension', () => {
    runtime.sendMessage.mockResolvedValue({ ok: true, value: null });
    sendBootRequests();
    for (const listener of runtime.listeners) {
      listener({ event: 'panelIntent', intent: note }, { id: runtime.id, tab: { id: 3 } });
      listener({ event: 'panelIntent', intent: note }, { id: 'someoneelse' });
    }
    expect((globalThis as BootScope)[BOOT]?.pushedIntents).toEqual([]);
    expect(sent()).toEqual(['takePanelIntent', 'getConnections']);
  });
});
