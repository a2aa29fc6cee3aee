import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleCommand, QUICK_NOTE_COMMAND } from '../../../lib/background/commands';
import {
  createContextMenus,
  handleMenuClick,
  intentForClick,
  MENU_ADD_NOTE,
  MENU_ITEMS,
  MENU_LOOKUP_MAILTO,
  MENU_LOOKUP_SELECTION,
} from '../../../lib/background/context-menus';
import { createPanelIntents } from '../../../lib/background/panel-intent';
import { selectionContextOf } from '../../../lib/background/selection-context';
import { panelIntentItem } from '../../../lib/background/storage-items';
import type { PanelIntent } from '../../../lib/messaging/model';

const tab = { id: 12, url: 'https://mail.example.com/inbox/42', title: 'Inbox – Re: refund' };

/** Records the order of calls: opening the panel must come before anything asynchronous. */
function recordingDeps() {
  const calls: string[] = [];
  const intents = createPanelIntents(async (intent) => {
    calls.push(`push:${intent.kind}`);
  });
  return {
    calls,
    openPanel: vi.fn((tabId: number) => {
      calls.push(`open:${tabId}`);
    }),
    setIntent: vi.fn(async (intent: PanelIntent) => {
      calls.push('setIntent');
      await intents.set(intent);
    }),
    take: intents.take,
  };
}

beforeEach(() => fakeBrowser.reset());

describe('context menus', () => {
  it('creates the lookup, mailto and note items', async () => {
    const api = { removeAll: vi.fn(), create: vi.fn() };
    await createContextMenus(api);
    expect(api.removeAll).toHaveBeenCalledOnce();
    expect(api.create.mock.calls.map(([item]) => item.id)).toEqual([
      MENU_LOOKUP_SELECTION,
      MENU_LOOKUP_MAILTO,
      MENU_ADD_NOTE,
    ]);
    expect(api.create.mock.calls[0]?.[0].title).toBe('Look up “%s” in Kustomer');
    expect(MENU_ITEMS[1]?.targetUrlPatterns).toEqual(['mailto:*', 'tel:*']);
  });

  it.each([
    [
      'a selected address',
      { menuItemId: MENU_LOOKUP_SELECTION, selectionText: 'Ada.Lovelace@Example.com' },
      'ada.lovelace@example.com',
    ],
    [
      'the first address of a sentence',
      { menuItemId: MENU_LOOKUP_SELECTION, selectionText: 'write to <grace@example.org> or alan@example.net' },
      'grace@example.org',
    ],
    [
      'a mailto link',
      { menuItemId: MENU_LOOKUP_MAILTO, linkUrl: 'mailto:Katherine.Johnson%40example.com?subject=Hi' },
      'katherine.johnson@example.com',
    ],
  ])('looks up %s', (_name, click, email) => {
    expect(intentForClick(click, tab)).toEqual({ kind: 'showCustomer', email, source: 'contextMenu' });
  });

  it.each([
    [
      'a selected phone number',
      { menuItemId: MENU_LOOKUP_SELECTION, selectionText: 'Call +44 20 7946 0018 today' },
      '+44 20 7946 0018',
    ],
    ['a tel: link', { menuItemId: MENU_LOOKUP_MAILTO, linkUrl: 'tel:+44-20-7946-0018' }, '+442079460018'],
  ])('looks up %s by phone', (_name, click, phone) => {
    expect(intentForClick(click, tab)).toEqual({ kind: 'showPhone', phone, source: 'contextMenu' });
  });

  it.each([
    [
      'a selection without an address or a phone number',
      { menuItemId: MENU_LOOKUP_SELECTION, selectionText: 'order 12345' },
    ],
    ['a selection without an address', { menuItemId: MENU_LOOKUP_SELECTION, selectionText: 'no address here' }],
    ['a mailto link without one', { menuItemId: MENU_LOOKUP_MAILTO, linkUrl: 'mailto:?subject=hi' }],
    ['an empty note', { menuItemId: MENU_ADD_NOTE, selectionText: '   ' }],
    ['another extension’s item', { menuItemId: 'other' }],
  ])('ignores %s', (_name, click) => {
    expect(intentForClick(click, tab)).toBeNull();
  });

  it('prefills a quick note with the selection and the page, never a customer from the raw text', () => {
    expect(
      intentForClick(
        { menuItemId: MENU_ADD_NOTE, selectionText: ' Refund for ada@example.com approved ', pageUrl: tab.url },
        tab,
      ),
    ).toEqual({
      kind: 'quickNote',
      text: 'Refund for ada@example.com approved',
      sourceUrl: tab.url,
      sourceTitle: tab.title,
    });
  });

  it.each([
    [
      'visible in the selection',
      { visible: 'Refund for ada@example.com', around: ['grace@example.org'] },
      'ada@example.com',
      'selection',
    ],
    [
      'nearest the selection on the page',
      { visible: 'Refund approved', around: ['Refund approved', 'From grace@example.org'] },
      'grace@example.org',
      'nearby',
    ],
  ] as const)('targets the address %s, and says so (bug 7)', async (_name, seen, email, from) => {
    const deps = recordingDeps();
    const context = { text: 'Refund for hidden@evil.example approved', ...seen, around: [...seen.around] };
    const selectionContext = vi.fn().mockResolvedValue(context);
    await handleMenuClick({ menuItemId: MENU_ADD_NOTE, selectionText: context.text, frameId: 4 }, tab, {
      ...deps,
      selectionContextOf: selectionContext,
    });
    expect(selectionContext).toHaveBeenCalledWith(tab.id, 4);
    expect(await deps.take()).toMatchObject({ kind: 'quickNote', email, emailFrom: from });
  });

  it('targets no customer when the only address in the selection is hidden (issue 21, finding 5)', async () => {
    const deps = recordingDeps();
    const text = 'Refund for mallory@evil.example approved';
    const selectionContextOf = vi.fn().mockResolvedValue({ text, visible: 'Refund for  approved', around: [] });
    await handleMenuClick({ menuItemId: MENU_ADD_NOTE, selectionText: text }, tab, { ...deps, selectionContextOf });
    expect(await deps.take()).not.toHaveProperty('email');
  });

  it('opens the side panel synchronously, before saving the intent', async () => {
    const deps = recordingDeps();
    const done = handleMenuClick({ menuItemId: MENU_LOOKUP_SELECTION, selectionText: 'ada@example.com' }, tab, deps);
    // Nothing awaited yet: the panel must already be opening (Chrome drops the gesture after an await).
    expect(deps.calls).toEqual([`open:${tab.id}`, 'setIntent']);
    await done;
    expect(deps.calls).toEqual([`open:${tab.id}`, 'setIntent', 'push:showCustomer']);
    expect(await deps.take()).toEqual({ kind: 'showCustomer', email: 'ada@example.com', source: 'contextMenu' });
    expect(await panelIntentItem.getValue()).toBeNull();
  });

  it('does not open the panel when there is nothing to show', async () => {
    const deps = recordingDeps();
    await handleMenuClick({ menuItemId: MENU_LOOKUP_SELECTION, selectionText: 'nothing' }, tab, deps);
    expect(deps.openPanel).not.toHaveBeenCalled();
  });
});

describe('the quick-note command', () => {
  it('opens the panel first, then prefills the note with the page selection', async () => {
    const deps = recordingDeps();
    const selectionOf = vi.fn(async () => {
      deps.calls.push('selection');
      return { text: '  Order 1042 arrived damaged ', visible: '', around: [] };
    });
    const done = handleCommand(QUICK_NOTE_COMMAND, tab, { ...deps, selectionOf });
    expect(deps.calls[0]).toBe(`open:${tab.id}`);
    await done;
    expect(await deps.take()).toEqual({
      kind: 'quickNote',
      text: 'Order 1042 arrived damaged',
      sourceUrl: tab.url,
      sourceTitle: tab.title,
    });
  });

  it('still opens an empty note on a page that cannot be scripted', async () => {
    const deps = recordingDeps();
    const selectionOf = vi.fn().mockRejectedValue(new Error('Cannot access a chrome:// URL'));
    await handleCommand(QUICK_NOTE_COMMAND, { id: 3, url: 'chrome://settings' }, { ...deps, selectionOf });
    expect(await deps.take()).toEqual({ kind: 'quickNote', text: '' });
  });

  it('ignores other commands', async () => {
    const deps = recordingDeps();
    await handleCommand('something-else', tab, { ...deps, selectionOf: vi.fn() });
    expect(deps.openPanel).not.toHaveBeenCalled();
  });

  it('reads the selection of the top frame through scripting', async () => {
    const result = { text: 'selected text', visible: 'selected text', around: ['x'] };
    const executeScript = vi.fn().mockResolvedValue([{ result }]);
    expect(await selectionContextOf(executeScript, 7)).toEqual(result);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 7 }, func: expect.any(Function) });
  });
});
