// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkLength } from '../../../components/composer';
import { MessageForm } from '../../../components/message-form';
import { NoteForm } from '../../../components/note-form';
import { QuickNoteView } from '../../../components/quick-note-view';
import { request } from '../../../lib/messaging/client';
import { MAX_NOTE_LENGTH } from '../../../lib/messaging/limits';
import type { WriteRequest } from '../../../lib/messaging/model';
import { draftKeys } from '../../../lib/ui/drafts';
import { QUICK_NOTE_SOURCE_KEY } from '../../../lib/ui/quick-note';
import { resetReferenceData } from '../../../lib/ui/reference-data';
import { ADA_CARD, conversation, everywhere, outboxEntry, USERS } from './fixtures';
import { answer, type Handlers, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

const handlers: Handlers = {
  listUsers: USERS,
  lookupEmail: everywhere(ADA_CARD),
  listConversations: [conversation({ id: 'conv-1' })],
  enqueueWrite: ((input: { write: WriteRequest }) => outboxEntry({ request: input.write })) as never,
};

beforeEach(async () => {
  await useMemoryDrafts();
  resetReferenceData();
  answer(request, handlers);
});

interface Composer {
  name: string;
  label: string;
  button: string;
  /** Renders the composer and resolves once it can save. */
  open(): Promise<void>;
  /** Where the typed text lands in the write the composer sends. */
  sent(write: WriteRequest): string | undefined;
}

const composers: Composer[] = [
  {
    name: 'note form',
    label: 'Note',
    button: 'Add note',
    open: async () => {
      renderInRouter(<NoteForm customerId="cust-ada" conversationId="conv-1" />);
    },
    sent: (write) => (write.kind === 'createNote' ? write.body : undefined),
  },
  {
    name: 'quick note',
    label: 'Note',
    button: 'Save note',
    open: async () => {
      renderInRouter(<QuickNoteView intent={{ kind: 'quickNote', text: '', email: ADA_CARD.customer.email }} />);
      await screen.findByLabelText('Add to');
    },
    sent: (write) => (write.kind === 'createNote' ? write.body : undefined),
  },
  {
    name: 'message form',
    label: 'Message',
    button: 'Log message',
    open: async () => {
      renderInRouter(<MessageForm customerId="cust-ada" conversationId="conv-1" />);
    },
    sent: (write) => (write.kind === 'createMessage' ? write.preview : undefined),
  },
];

const field = (composer: Composer) => screen.getByLabelText(composer.label, { exact: true }) as HTMLTextAreaElement;
const button = (composer: Composer) => screen.getByRole('button', { name: composer.button });
const type = (composer: Composer, text: string) => fireEvent.input(field(composer), { target: { value: text } });

/** The live region the field is described by (the counter). */
function counterOf(element: HTMLElement): HTMLElement {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const counter = ids.map((id) => document.getElementById(id)).find((node) => node?.getAttribute('aria-live'));
  if (!counter) throw new Error('The field is not described by a live counter');
  return counter;
}

function sentTexts(composer: Composer): string[] {
  return vi
    .mocked(request)
    .mock.calls.filter(([kind]) => kind === 'enqueueWrite')
    .map(([, input]) => composer.sent((input as { write: WriteRequest }).write) ?? '');
}

describe('checkLength', () => {
  it.each([
    ['far from the limit', 'a'.repeat(MAX_NOTE_LENGTH - 1025), false, ''],
    ['at the start of the last tenth', 'a'.repeat(MAX_NOTE_LENGTH - 1024), false, '1,024 characters left'],
    ['one short of the limit', 'a'.repeat(MAX_NOTE_LENGTH - 1), false, '1 character left'],
    ['exactly at the limit', 'a'.repeat(MAX_NOTE_LENGTH), false, '0 characters left'],
    ['one over the limit', 'a'.repeat(MAX_NOTE_LENGTH + 1), true, '1 character over the limit'],
    ['60 over the limit', 'a'.repeat(MAX_NOTE_LENGTH + 60), true, '60 characters over the limit'],
    ['over only by surrounding white space', `\n  ${'a'.repeat(MAX_NOTE_LENGTH)}  \n`, false, '0 characters left'],
  ])('%s', (_case, text, over, message) => {
    expect(checkLength(text)).toEqual({ over, message });
  });
});

describe.each(composers)('length counter of the $name', (composer) => {
  it('stays quiet far from the limit', async () => {
    await composer.open();
    type(composer, 'a'.repeat(MAX_NOTE_LENGTH - 2000));
    const counter = counterOf(field(composer));
    expect(counter.getAttribute('aria-live')).toBe('polite');
    expect(counter.textContent).toBe('');
    expect(field(composer).hasAttribute('aria-invalid')).toBe(false);
    expect(button(composer).hasAttribute('disabled')).toBe(false);
  });

  it('counts the characters left near the limit', async () => {
    await composer.open();
    type(composer, 'a'.repeat(MAX_NOTE_LENGTH - 500));
    expect(counterOf(field(composer)).textContent).toBe('500 characters left');
    expect(counterOf(field(composer)).classList.contains('over')).toBe(false);
    expect(button(composer).hasAttribute('disabled')).toBe(false);
  });

  it('over the limit marks the field invalid, disables saving with the reason, and keeps the text', async () => {
    await composer.open();
    const typed = 'b'.repeat(MAX_NOTE_LENGTH + 60);
    type(composer, typed);
    const counter = counterOf(field(composer));
    expect(counter.textContent).toBe('60 characters over the limit');
    expect(counter.classList.contains('over')).toBe(true);
    expect(field(composer).getAttribute('aria-invalid')).toBe('true');
    expect(button(composer).hasAttribute('disabled')).toBe(true);
    expect(button(composer).getAttribute('aria-describedby')).toBe(counter.id);
    fireEvent.keyDown(field(composer), { key: 'Enter', ctrlKey: true });
    expect(sentTexts(composer)).toEqual([]);
    expect(field(composer).value).toBe(typed);
  });

  it('back under the limit saves again, with all of the text', async () => {
    await composer.open();
    type(composer, 'c'.repeat(MAX_NOTE_LENGTH + 1));
    expect(button(composer).hasAttribute('disabled')).toBe(true);
    const under = 'c'.repeat(MAX_NOTE_LENGTH);
    type(composer, under);
    expect(field(composer).hasAttribute('aria-invalid')).toBe(false);
    expect(button(composer).hasAttribute('disabled')).toBe(false);
    expect(button(composer).hasAttribute('aria-describedby')).toBe(false);
    fireEvent.click(button(composer));
    await waitFor(() => expect(sentTexts(composer)).toEqual([under]));
  });
});

describe('quick note length', () => {
  it('counts the source line it adds, and fits again without it', async () => {
    const drafts = await useMemoryDrafts({
      [QUICK_NOTE_SOURCE_KEY]: { text: 'https://mail.example.com/t/1', updatedAt: 1 },
    });
    renderInRouter(<QuickNoteView intent={{ kind: 'quickNote', text: '', email: ADA_CARD.customer.email }} />);
    await screen.findByLabelText('Add to');
    const note = screen.getByLabelText('Note', { exact: true });
    fireEvent.input(note, { target: { value: 'd'.repeat(MAX_NOTE_LENGTH - 10) } });
    expect(counterOf(note).textContent).toBe('28 characters over the limit');
    fireEvent.click(screen.getByLabelText(/Include the source/));
    expect(counterOf(note).textContent).toBe('10 characters left');
    expect(screen.getByRole('button', { name: 'Save note' }).hasAttribute('disabled')).toBe(false);
    expect(drafts.store.get(draftKeys.quickNote())).toBe('d'.repeat(MAX_NOTE_LENGTH - 10));
  });
});
