// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { QuickNoteView } from '../../../components/quick-note-view';
import { request } from '../../../lib/messaging/client';
import type { WriteRequest } from '../../../lib/messaging/model';
import { currentCustomer } from '../../../lib/ui/current-customer';
import { mergeQuickNoteIntent } from '../../../lib/ui/quick-note';
import type { QuickNoteIntent } from '../../../lib/ui/router';
import { ADA_CARD, conversation, everywhere, outboxEntry } from './fixtures';
import { answer, fails, type Handlers, never, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

const INTENT: QuickNoteIntent = {
  kind: 'quickNote',
  text: 'Customer says the engine rattles',
  sourceUrl: 'https://mail.example.com/thread/9',
  sourceTitle: 'Re: engine',
  email: 'ada.lovelace@example.com',
};
const OPEN = [
  conversation({ id: 'old', subject: 'Older', lastActivityAt: '2026-01-01T00:00:00Z' }),
  conversation({ id: 'recent', subject: 'Most recent', lastActivityAt: '2026-03-01T00:00:00Z' }),
];
const handlers: Handlers = {
  lookupEmail: everywhere(ADA_CARD),
  listConversations: OPEN,
  enqueueWrite: ((input: { write: WriteRequest }) => outboxEntry({ request: input.write })) as never,
};

let drafts: Awaited<ReturnType<typeof useMemoryDrafts>>;
beforeEach(async () => {
  drafts = await useMemoryDrafts();
  currentCustomer.value = null;
});

async function openWith(intent: QuickNoteIntent) {
  mergeQuickNoteIntent(drafts.store, intent);
  return renderInRouter(<QuickNoteView intent={intent} />);
}

describe('Quick note', () => {
  it('is prefilled with the selection and targets the most recent open conversation', async () => {
    answer(request, handlers);
    await openWith(INTENT);
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Customer says the engine rattles');
    expect(document.activeElement).toBe(screen.getByLabelText('Note'));
    expect(screen.getByRole('link', { name: 'Re: engine' }).getAttribute('href')).toBe(
      'https://mail.example.com/thread/9',
    );
    const target = (await screen.findByLabelText('Add to')) as HTMLSelectElement;
    expect(target.value).toBe('recent');
    expect(Array.from(target.options).map((option) => option.text)).toEqual([
      'Most recent',
      'Older',
      'New conversation',
    ]);
  });

  it('shows that it is finding the customer, and cannot save before', async () => {
    answer(request, { ...handlers, lookupEmail: never });
    await openWith(INTENT);
    expect(await screen.findByText('Finding the customer…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save note' }).hasAttribute('disabled')).toBe(true);
  });

  it('saves with Ctrl+Enter, with the source link, and clears the draft', async () => {
    answer(request, handlers);
    const { router } = await openWith(INTENT);
    await screen.findByLabelText('Add to');
    fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'Enter', ctrlKey: true });
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith(
        'enqueueWrite',
        expect.objectContaining({
          write: {
            kind: 'createNote',
            customerId: 'cust-ada',
            conversationId: 'recent',
            body: 'Customer says the engine rattles\n\nSource: https://mail.example.com/thread/9',
          },
        }),
      ),
    );
    await waitFor(() =>
      expect(router.current).toEqual({ name: 'customer', customerId: 'cust-ada', connectionId: 'org-0' }),
    );
    expect(drafts.store.get('quicknote')).toBe('');
  });

  it('saves with Cmd+Enter into a new conversation without the source', async () => {
    answer(request, handlers);
    await openWith(INTENT);
    fireEvent.change(await screen.findByLabelText('Add to'), { target: { value: 'new' } });
    fireEvent.click(screen.getByLabelText(/Include the source/));
    fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'Enter', metaKey: true });
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith(
        'enqueueWrite',
        expect.objectContaining({
          write: { kind: 'createNote', customerId: 'cust-ada', body: 'Customer says the engine rattles' },
        }),
      ),
    );
  });

  it('comes back from its draft when reopened without a selection', async () => {
    await useMemoryDrafts({ quicknote: { text: 'kept across restarts', updatedAt: 1 } });
    answer(request, handlers);
    renderInRouter(<QuickNoteView intent={{ kind: 'quickNote', text: '' }} />);
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('kept across restarts');
  });

  it('offers to create the customer when the address is unknown', async () => {
    answer(request, { ...handlers, lookupEmail: everywhere(null) });
    const { router } = await openWith({ ...INTENT, email: 'nobody@unknown.example' });
    fireEvent.click(await screen.findByRole('button', { name: 'Create customer' }));
    expect(router.current).toEqual({ name: 'createCustomer', email: 'nobody@unknown.example' });
    expect(screen.getByRole('button', { name: 'Save note' }).hasAttribute('disabled')).toBe(true);
  });

  it('shows a failed lookup with a retry', async () => {
    answer(request, { ...handlers, lookupEmail: fails({ kind: 'network', message: 'Kustomer cannot be reached.' }) });
    await openWith(INTENT);
    expect((await screen.findByRole('alert')).textContent).toContain('Kustomer cannot be reached.');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('asks for the customer when the intent names none', async () => {
    answer(request, handlers);
    await openWith({ kind: 'quickNote', text: 'x' });
    expect(screen.queryByText('Finding the customer…')).toBeNull();
    fireEvent.input(screen.getByLabelText('Customer email'), { target: { value: 'ada.lovelace@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    expect(await screen.findByLabelText('Add to')).toBeTruthy();
  });
});

describe('Issue 17 bug 7: the quick note’s target', () => {
  it('offers every open and snoozed conversation, most recent first, never a done one', async () => {
    answer(request, {
      ...handlers,
      listConversations: [
        conversation({ id: 'done', subject: 'Closed', status: 'done', lastActivityAt: '2026-04-01T00:00:00Z' }),
        conversation({ id: 'snoozed', subject: 'Waiting', status: 'snoozed', lastActivityAt: '2026-03-01T00:00:00Z' }),
        conversation({ id: 'open', subject: 'Older open', lastActivityAt: '2026-01-01T00:00:00Z' }),
      ],
    });
    await openWith(INTENT);
    const target = (await screen.findByLabelText('Add to')) as HTMLSelectElement;
    expect(target.value).toBe('snoozed');
    expect(Array.from(target.options).map((option) => option.text)).toEqual([
      'Waiting (snoozed)',
      'Older open',
      'New conversation',
    ]);
    expect(request).toHaveBeenCalledWith('listConversations', {
      connectionId: 'org-0',
      customerId: 'cust-ada',
      filter: 'all',
    });
  });

  it.each([
    [{ ...INTENT, emailFrom: 'selection' as const }, 'from the selection'],
    [{ ...INTENT, emailFrom: 'nearby' as const }, 'nearest address on the page'],
  ])('says where the address came from (%#)', async (intent, reason) => {
    answer(request, handlers);
    await openWith(intent);
    expect(screen.getByText(`(${reason})`)).toBeTruthy();
  });

  it('falls back to the last customer viewed, and says so', async () => {
    currentCustomer.value = { id: 'cust-ada', name: 'Ada Lovelace', email: 'ada.lovelace@example.com' };
    answer(request, handlers);
    await openWith({ kind: 'quickNote', text: 'x' });
    expect((screen.getByRole('textbox', { name: /Customer email/ }) as HTMLInputElement).value).toBe(
      'ada.lovelace@example.com',
    );
    expect(screen.getByText('(last customer viewed)')).toBeTruthy();
    expect(await screen.findByLabelText('Add to')).toBeTruthy();
  });
});

describe('Issue 21 finding 5: the page never switches the customer silently', () => {
  it('asks when the page names another customer than the one on screen, and keeps the one chosen', async () => {
    currentCustomer.value = { id: 'cust-grace', name: 'Grace Hopper', email: 'grace.hopper@example.org' };
    answer(request, handlers);
    await openWith(INTENT);
    const question = await screen.findByRole('group', { name: /Which customer is this note for/ });
    expect(question.textContent).toContain('The page names Ada Lovelace');
    expect(question.textContent).toContain('the panel showed Grace Hopper');
    expect(screen.queryByLabelText('Add to')).toBeNull();
    expect(screen.getByRole('button', { name: 'Save note' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Grace Hopper (on screen)' }));
    await screen.findByLabelText('Add to');
    expect(request).toHaveBeenCalledWith('listConversations', {
      connectionId: expect.stringMatching(/^org-/),
      customerId: 'cust-grace',
      filter: 'all',
    });
    fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'Enter', ctrlKey: true });
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith(
        'enqueueWrite',
        expect.objectContaining({ write: expect.objectContaining({ customerId: 'cust-grace' }) }),
      ),
    );
  });

  it('does not ask when the page names the customer on screen', async () => {
    currentCustomer.value = { id: 'cust-ada', name: 'Ada Lovelace' };
    answer(request, handlers);
    await openWith(INTENT);
    expect(await screen.findByLabelText('Add to')).toBeTruthy();
    expect(screen.queryByRole('group', { name: /Which customer/ })).toBeNull();
  });
  it('keeps the customer the agent asked for when an earlier lookup answers late', async () => {
    let answerAda: (answer: ReturnType<typeof everywhere>) => void = () => undefined;
    const grace = { ...ADA_CARD, customer: { ...ADA_CARD.customer, id: 'cust-grace', name: 'Grace Hopper' } };
    answer(request, {
      ...handlers,
      lookupEmail: ((input: { email: string }) =>
        input.email === 'grace.hopper@example.com'
          ? everywhere(grace)
          : new Promise((resolve) => {
              answerAda = resolve;
            })) as never,
    });
    await openWith(INTENT);
    fireEvent.input(screen.getByLabelText(/Customer email/), { target: { value: 'grace.hopper@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    await screen.findByLabelText('Add to');
    // The prefilled address's lookup answers after the one the agent typed: it must not take the note over.
    answerAda(everywhere(ADA_CARD));
    await new Promise((resolve) => setTimeout(resolve, 20));
    fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'Enter', ctrlKey: true });
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith(
        'enqueueWrite',
        expect.objectContaining({ write: expect.objectContaining({ customerId: 'cust-grace' }) }),
      ),
    );
    expect(request).not.toHaveBeenCalledWith(
      'enqueueWrite',
      expect.objectContaining({ write: expect.objectContaining({ customerId: 'cust-ada' }) }),
    );
  });
});
