// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LookupView } from '../../../components/lookup-view';
import { NoteForm } from '../../../components/note-form';
import { QuickNoteView } from '../../../components/quick-note-view';
import { SidePanelApp } from '../../../components/side-panel-app';
import { request } from '../../../lib/messaging/client';
import type { OrgConnectionStatus } from '../../../lib/messaging/model';
import { connectionDraftsItem, connectionPanelMemoryItem, sharedDraftsItem } from '../../../lib/storage';
import { activeTab } from '../../../lib/ui/active-tab';
import { draftsLoaded, draftsOf, flushAllDrafts, setAppDrafts } from '../../../lib/ui/app-drafts';
import { connections, setConnections } from '../../../lib/ui/connection-store';
import { cardConnection } from '../../../lib/ui/current-customer';
import { browserOnline, kustomerTrouble } from '../../../lib/ui/network';
import { outboxItems } from '../../../lib/ui/outbox-store';
import {
  loadPanelMemory,
  recentCustomers,
  rememberCustomer,
  resetPanelMemoryForTests,
} from '../../../lib/ui/panel-memory';
import { createRouter } from '../../../lib/ui/router';
import { emitPush } from './client-mock';
import { ADA_ACTIVITY, ADA_CARD, connectedStatus } from './fixtures';
import { answer, type Handlers, renderInRouter } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/active-tab', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/active-tab')>()),
  activeTab: vi.fn(),
  requestSitePermission: vi.fn(),
}));

/** Two connected organisations: Acme (`org-0`, the upgraded one) and Brightwave. */
const ACME = connectedStatus();
const BRIGHT: OrgConnectionStatus = { ...connectedStatus(), id: 'org-bright', label: 'Brightwave', colour: 'orange' };

const base: Handlers = {
  getConnections: [ACME, BRIGHT],
  getOutbox: [],
  getSettings: { neverLookUpDomains: [], paused: false, enabledSites: [], oauthClientId: 'x' },
  getPageCustomers: { tabId: 1, detectionActive: true, emails: [] },
  listUsers: [],
  listConversations: [],
};

beforeEach(() => {
  fakeBrowser.reset();
  // Real drafts, one store per organisation, over (fake) browser storage.
  setAppDrafts(undefined);
  resetPanelMemoryForTests();
  // As in a panel that opens: the list is not known until the background answers.
  setConnections([]);
  connections.value = null;
  cardConnection.value = null;
  outboxItems.value = [];
  kustomerTrouble.value = 'ok';
  browserOnline.value = true;
  vi.mocked(activeTab).mockResolvedValue({ id: 1, url: 'https://mail.example.com/' });
});

describe('drafts per organisation (issue 18)', () => {
  it('keeps a note typed for one organisation there when the card switches to another', async () => {
    answer(request, base);
    setConnections([ACME, BRIGHT]);
    cardConnection.value = ACME.id;
    await draftsOf(ACME.id).ready;
    renderInRouter(<NoteForm customerId="cust-1" conversationId="conv-1" />);
    const field = await screen.findByRole('textbox', { name: /note/i });
    fireEvent.input(field, { target: { value: 'Refund approved for Acme' } });
    await flushAllDrafts();

    // The card is now Brightwave's: the same conversation id finds Brightwave's drafts, not Acme's.
    cardConnection.value = BRIGHT.id;
    await draftsOf(BRIGHT.id).ready;
    await waitFor(() => expect((screen.getByRole('textbox', { name: /note/i }) as HTMLTextAreaElement).value).toBe(''));
    fireEvent.click(screen.getByRole('button', { name: /add note/i }));
    expect(vi.mocked(request).mock.calls.some(([type]) => type === 'enqueueWrite')).toBe(false);

    expect(await connectionDraftsItem(ACME.id).getValue()).toMatchObject({
      'note:conv-1': { text: 'Refund approved for Acme' },
    });
    expect(await connectionDraftsItem(BRIGHT.id).getValue()).not.toHaveProperty('note:conv-1');
    expect(await sharedDraftsItem.getValue()).not.toHaveProperty('note:conv-1');

    cardConnection.value = ACME.id;
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: /note/i }) as HTMLTextAreaElement).value).toBe(
        'Refund approved for Acme',
      ),
    );
  });

  it('keeps the panel started when the card switches to an organisation whose drafts are not read yet', async () => {
    // The e2e found it: the panel went back to its starting screen, which unmounted the card and its chosen tab.
    setConnections([ACME]);
    cardConnection.value = ACME.id;
    await Promise.all([draftsOf('shared').ready, draftsOf(ACME.id).ready]);
    expect(draftsLoaded()).toBe(true);
    // A second organisation connected later, and the agent opens its tab.
    setConnections([ACME, BRIGHT]);
    cardConnection.value = BRIGHT.id;
    expect(draftsOf(BRIGHT.id).loaded).toBe(false);
    expect(draftsLoaded()).toBe(true);
  });

  it('waits at start for every connected organisation’s drafts', async () => {
    setConnections([ACME, BRIGHT]);
    cardConnection.value = ACME.id;
    expect(draftsLoaded()).toBe(false);
    await Promise.all([draftsOf('shared').ready, draftsOf(ACME.id).ready, draftsOf(BRIGHT.id).ready]);
    expect(draftsLoaded()).toBe(true);
  });

  it('sends a note with its own organisation and clears only that organisation’s draft', async () => {
    const enqueued: unknown[] = [];
    answer(request, {
      ...base,
      enqueueWrite: (input: never) => {
        enqueued.push(input);
        return { id: 'w1', state: 'queued', attempts: 0, createdAt: 1, request: (input as { write: never }).write };
      },
    });
    setConnections([ACME, BRIGHT]);
    await connectionDraftsItem(ACME.id).setValue({ 'note:conv-1': { text: 'for Acme', updatedAt: 1 } });
    await connectionDraftsItem(BRIGHT.id).setValue({ 'note:conv-1': { text: 'for Brightwave', updatedAt: 1 } });
    cardConnection.value = BRIGHT.id;
    renderInRouter(<NoteForm customerId="cust-1" conversationId="conv-1" />);
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: /note/i }) as HTMLTextAreaElement).value).toBe('for Brightwave'),
    );
    fireEvent.click(screen.getByRole('button', { name: /add note/i }));
    await waitFor(() => expect(enqueued).toHaveLength(1));
    expect(enqueued[0]).toMatchObject({ connectionId: BRIGHT.id, write: { body: 'for Brightwave' } });
    await waitFor(async () => expect(await connectionDraftsItem(BRIGHT.id).getValue()).toEqual({}));
    expect(await connectionDraftsItem(ACME.id).getValue()).toMatchObject({ 'note:conv-1': { text: 'for Acme' } });
  });

  it('keeps a quick note arriving before any organisation is connected, and gives it to the first one', async () => {
    answer(request, { ...base, getConnections: [], takePanelIntent: null });
    render(<SidePanelApp router={createRouter()} />);
    await screen.findByRole('heading', { name: /not connected/i });
    emitPush({ event: 'panelIntent', intent: { kind: 'quickNote', text: 'Customer asked for a refund' } });
    await waitFor(async () =>
      expect(await sharedDraftsItem.getValue()).toMatchObject({ quicknote: { text: 'Customer asked for a refund' } }),
    );
    await flushAllDrafts();

    // Connected now (the connect form's answer is pushed as the new list): the quick note is Acme's.
    answer(request, { ...base, getConnections: [ACME] });
    emitPush({ event: 'connectionChanged', connections: [ACME] });
    const field = await screen.findByRole('textbox', { name: /note/i });
    await waitFor(() => expect((field as HTMLTextAreaElement).value).toBe('Customer asked for a refund'));
    await flushAllDrafts();
    expect(await connectionDraftsItem(ACME.id).getValue()).toMatchObject({
      quicknote: { text: 'Customer asked for a refund' },
    });
    expect(await sharedDraftsItem.getValue()).not.toHaveProperty('quicknote');
  });

  it('gives a quick note to the organisation it is written for, below that organisation’s own', async () => {
    answer(request, { ...base, lookupEmail: { status: 'unknown', answers: [] } });
    setConnections([ACME, BRIGHT]);
    cardConnection.value = ACME.id;
    await connectionDraftsItem(BRIGHT.id).setValue({ quicknote: { text: 'Earlier note', updatedAt: 1 } });
    await sharedDraftsItem.setValue({ quicknote: { text: 'New selection', updatedAt: 2 } });
    renderInRouter(<QuickNoteView intent={{ kind: 'quickNote', text: '', connectionId: BRIGHT.id }} />);
    const field = (await screen.findByRole('textbox', { name: /note/i })) as HTMLTextAreaElement;
    await waitFor(() => expect(field.value).toBe('Earlier note\n\nNew selection'));
    await flushAllDrafts();
    expect(await connectionDraftsItem(ACME.id).getValue()).toEqual({});
    expect(await sharedDraftsItem.getValue()).toEqual({});
  });

  it('counts the drafts waiting in every organisation', async () => {
    answer(request, { ...base, takePanelIntent: null });
    setConnections([ACME, BRIGHT]);
    await connectionDraftsItem(ACME.id).setValue({ 'note:a': { text: 'one', updatedAt: 1 } });
    await connectionDraftsItem(BRIGHT.id).setValue({ 'message:b': { text: 'two', updatedAt: 1 } });
    await sharedDraftsItem.setValue({ search: { text: 'ada', updatedAt: 1 } });
    renderInRouter(<LookupView />);
    expect(await screen.findByText('2 unsent drafts')).toBeTruthy();
  });
});

describe('panel memory per organisation (issue 18)', () => {
  it('lists the recent customers of two organisations merged, newest first, each opening in its own', async () => {
    answer(request, { ...base, takePanelIntent: null });
    setConnections([ACME, BRIGHT]);
    await connectionPanelMemoryItem(ACME.id).setValue({
      recent: [
        { id: 'a-ada', name: 'Ada at Acme', viewedAt: 30 },
        { id: 'a-grace', name: 'Grace', viewedAt: 10 },
      ],
    });
    await connectionPanelMemoryItem(BRIGHT.id).setValue({
      recent: [{ id: 'b-ada', name: 'Ada at Brightwave', viewedAt: 20 }],
    });
    const { router } = renderInRouter(<LookupView />);
    const list = await screen.findByRole('list', { name: 'Recent customers' });
    const names = [...list.querySelectorAll('.result-name')].map((element) => element.textContent);
    expect(names).toEqual(['Ada at Acme', 'Ada at Brightwave', 'Grace']);
    fireEvent.click(screen.getByRole('button', { name: /Ada at Brightwave/ }));
    expect(router.current).toEqual({ name: 'customer', customerId: 'b-ada', connectionId: BRIGHT.id });
    expect(cardConnection.value).toBe(BRIGHT.id);
  });

  it('remembers a customer in the organisation it was read in only', async () => {
    setConnections([ACME, BRIGHT]);
    await loadPanelMemory();
    rememberCustomer({ id: 'b-hedy', name: 'Hedy' }, BRIGHT.id, 5);
    await waitFor(async () =>
      expect((await connectionPanelMemoryItem(BRIGHT.id).getValue()).recent.map((entry) => entry.id)).toEqual([
        'b-hedy',
      ]),
    );
    expect((await connectionPanelMemoryItem(ACME.id).getValue()).recent).toEqual([]);
    await waitFor(() => expect(recentCustomers.value?.map((entry) => entry.connectionId)).toEqual([BRIGHT.id]));
  });

  it('reopens the last screen in its organisation, and forgets it in the other', async () => {
    const asked: unknown[] = [];
    answer(request, {
      ...base,
      takePanelIntent: null,
      getCustomer: (input: never) => {
        asked.push(input);
        return { ...ADA_CARD, connectionId: BRIGHT.id };
      },
      getCustomerActivity: ADA_ACTIVITY,
    });
    await connectionPanelMemoryItem(BRIGHT.id).setValue({
      recent: [],
      lastScreen: { name: 'customer', customerId: ADA_CARD.customer.id },
    });
    render(<SidePanelApp router={createRouter()} />);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(asked).toEqual([{ connectionId: BRIGHT.id, customerId: ADA_CARD.customer.id }]);
    expect(cardConnection.value).toBe(BRIGHT.id);
    await waitFor(async () =>
      expect((await connectionPanelMemoryItem(BRIGHT.id).getValue()).recent.map((entry) => entry.id)).toEqual([
        ADA_CARD.customer.id,
      ]),
    );
    expect((await connectionPanelMemoryItem(ACME.id).getValue()).recent).toEqual([]);
  });
});
