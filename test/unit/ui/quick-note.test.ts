import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../lib/ui/drafts';
import { createDraftStore } from '../../../lib/ui/drafts';
import { mergeQuickNoteIntent, QUICK_NOTE_SOURCE_KEY, quickNoteBody } from '../../../lib/ui/quick-note';

async function storeWith(text: string) {
  let value: Record<string, Draft> = text ? { quicknote: { text, updatedAt: 1 } } : {};
  const store = createDraftStore({
    getValue: async () => value,
    setValue: async (next) => {
      value = next;
    },
  });
  await store.ready;
  return store;
}

describe('mergeQuickNoteIntent', () => {
  it.each([
    ['', 'Selected text', 'Selected text'],
    ['Unsaved note', 'New selection', 'Unsaved note\n\nNew selection'],
    ['Unsaved note with New selection', 'New selection', 'Unsaved note with New selection'],
    ['Unsaved note', '   ', 'Unsaved note'],
  ])('with the draft "%s" and the selection "%s" keeps "%s"', async (draft, selection, expected) => {
    const store = await storeWith(draft);
    mergeQuickNoteIntent(store, { kind: 'quickNote', text: selection });
    expect(store.get('quicknote')).toBe(expected);
  });

  it('remembers an http(s) source page only', async () => {
    const store = await storeWith('');
    mergeQuickNoteIntent(store, { kind: 'quickNote', text: 'x', sourceUrl: 'javascript:alert(1)' });
    expect(store.get(QUICK_NOTE_SOURCE_KEY)).toBe('');
    mergeQuickNoteIntent(store, { kind: 'quickNote', text: 'x', sourceUrl: 'https://mail.example.com/t/1' });
    expect(store.get(QUICK_NOTE_SOURCE_KEY)).toBe('https://mail.example.com/t/1');
  });
});

it('appends the source link to the note body when asked', () => {
  expect(quickNoteBody('Refund asked ', 'https://mail.example.com/t/1', true)).toBe(
    'Refund asked\n\nSource: https://mail.example.com/t/1',
  );
  expect(quickNoteBody('Refund asked', 'https://mail.example.com/t/1', false)).toBe('Refund asked');
  expect(quickNoteBody('Refund asked', undefined, true)).toBe('Refund asked');
});
