import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPanelIntents } from '../../../lib/background/panel-intent';
import { panelIntentItem } from '../../../lib/background/storage-items';
import type { PanelIntent } from '../../../lib/messaging/model';

const ADA: PanelIntent = { kind: 'showCustomer', email: 'ada@example.com', source: 'contextMenu' };
const NOTE: PanelIntent = { kind: 'quickNote', text: 'Refund approved' };

beforeEach(() => fakeBrowser.reset());

describe('panel intents', () => {
  it('starts the lookup of a customer intent before saving it, and tells an open panel', async () => {
    const order: string[] = [];
    const intents = createPanelIntents(
      async (intent) => {
        order.push(`push:${intent.kind}`);
      },
      (subject) => order.push(`prefetch:${'email' in subject ? subject.email : subject.phone}`),
    );
    await intents.set(ADA);
    await intents.set(NOTE);
    await intents.set({ kind: 'showPhone', phone: '+442079460018', source: 'page' });
    expect(order).toEqual([
      'prefetch:ada@example.com',
      'push:showCustomer',
      'push:quickNote',
      'prefetch:+442079460018',
      'push:showPhone',
    ]);
  });

  it('hands an intent to one panel only and clears it from session storage', async () => {
    const intents = createPanelIntents(async () => undefined);
    await intents.set(ADA);
    const [first, second] = await Promise.all([intents.take(), intents.take()]);
    expect([first, second]).toEqual([ADA, null]);
    expect(await panelIntentItem.getValue()).toBeNull();
  });

  it('answers the panel that opens right after the click without reading session storage', async () => {
    const intents = createPanelIntents(async () => undefined);
    await intents.set(ADA);
    const reads = vi.spyOn(panelIntentItem, 'getValue');
    expect(await intents.take()).toEqual(ADA);
    expect(reads).not.toHaveBeenCalled();
  });

  it('finds the intent a stopped worker saved', async () => {
    await createPanelIntents(async () => undefined).set(NOTE);
    const restarted = createPanelIntents(async () => undefined);
    expect(await restarted.take()).toEqual(NOTE);
    expect(await restarted.take()).toBeNull();
    expect(await createPanelIntents(async () => undefined).take()).toBeNull();
  });
});
