// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contactHref } from '../../../components/copy-value';
import { LookupView } from '../../../components/lookup-view';
import { OutboxView } from '../../../components/outbox-view';
import { SidePanelApp } from '../../../components/side-panel-app';
import { UserText } from '../../../components/user-text';
import { createPanelIntents } from '../../../lib/background/panel-intent';
import { NO_ACCESS } from '../../../lib/background/site-access';
import { request } from '../../../lib/messaging/client';
import { connectionPanelMemoryItem } from '../../../lib/storage';
import { activeTab, requestSitePermission } from '../../../lib/ui/active-tab';
import { setConnections } from '../../../lib/ui/connection-store';
import { browserOnline, kustomerTrouble } from '../../../lib/ui/network';
import { outboxItems } from '../../../lib/ui/outbox-store';
import {
  aboutWrite,
  knownSubjects,
  recentCustomers,
  rememberCustomer,
  resetPanelMemoryForTests,
} from '../../../lib/ui/panel-memory';
import { createRouter } from '../../../lib/ui/router';
import { wrapParts } from '../../../lib/ui/user-text';
import { emitPush } from './client-mock';
import { ADA_ACTIVITY, ADA_CARD, connectedStatus, everywhere, outboxEntry } from './fixtures';
import { answer, fails, type Handlers, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/active-tab', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/active-tab')>()),
  activeTab: vi.fn(),
  requestSitePermission: vi.fn(),
}));

const CONNECTED = connectedStatus();
const base: Handlers = {
  getConnections: [CONNECTED],
  getOutbox: [],
  getSettings: { neverLookUpDomains: [], paused: false, enabledSites: [], oauthClientId: 'x' },
  getPageCustomers: { tabId: 1, detectionActive: true, emails: [] },
  lookupEmail: everywhere(ADA_CARD),
  getCustomerActivity: ADA_ACTIVITY,
  listConversations: [],
};

beforeEach(async () => {
  fakeBrowser.reset();
  resetPanelMemoryForTests();
  await useMemoryDrafts();
  kustomerTrouble.value = 'ok';
  browserOnline.value = true;
  vi.mocked(activeTab).mockResolvedValue({ id: 1, url: 'https://mail.example.com/' });
});

describe('Issue 17 bug 1: an intent is shown once', () => {
  it.each([
    ['a quick note', { kind: 'quickNote', text: 'Refund approved' } as const, 'Quick note'],
    [
      'a right-click lookup',
      { kind: 'showCustomer', email: 'ada.lovelace@example.com', source: 'contextMenu' } as const,
      'Ada Lovelace',
    ],
  ])(
    'does not bring back %s pushed to an open panel after the panel is closed and reopened',
    async (_, intent, heading) => {
      // The background's real intent store, pushing to the panel like pushToPages does.
      const intents = createPanelIntents(async (pushed) => emitPush({ event: 'panelIntent', intent: pushed }));
      answer(request, {
        ...base,
        takePanelIntent: async () => {
          const taken = await intents.take();
          return taken && { intent: taken };
        },
      });
      render(<SidePanelApp router={createRouter()} />);
      await screen.findByRole('heading', { name: 'Find a customer' });
      await intents.set(intent);
      expect(await screen.findByRole('heading', { name: heading }, { timeout: 5000 })).toBeTruthy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      cleanup();

      render(<SidePanelApp router={createRouter()} />);
      expect(await screen.findByRole('heading', { name: 'Find a customer' })).toBeTruthy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(screen.queryByRole('heading', { name: heading })).toBeNull();
    },
  );
});

describe('Issue 17 bug 6: why Kustomer is out of reach, as soon as it is known', () => {
  it.each([
    [
      'no network',
      () => {
        browserOnline.value = false;
      },
      /^No network\./,
    ],
    [
      'Kustomer unreachable, from a write that waits',
      () => {
        emitPush({ event: 'outboxChanged', items: [outboxEntry({ lastError: { kind: 'network', message: 'x' } })] });
      },
      /^Kustomer cannot be reached\./,
    ],
    [
      'the rate limit, from a write that waits',
      () => {
        emitPush({
          event: 'outboxChanged',
          items: [outboxEntry({ lastError: { kind: 'rate_limited', message: 'x' } })],
        });
      },
      /^Kustomer asks us to slow down\./,
    ],
    [
      'signed out, from a write that waits',
      () => {
        emitPush({
          event: 'outboxChanged',
          items: [outboxEntry({ lastError: { kind: 'unauthorized', message: 'x' } })],
        });
      },
      /^Kustomer no longer accepts your sign-in\./,
    ],
  ])('names %s, before any read fails', async (_, happen, text) => {
    answer(request, { ...base, takePanelIntent: null });
    render(<SidePanelApp router={createRouter()} />);
    await screen.findByRole('heading', { name: 'Find a customer' });
    happen();
    const banner = await screen.findByText(text);
    expect(banner.getAttribute('role')).toBe('status');
    expect(screen.queryAllByText(/offline|No network/).length).toBe(text.source.includes('No network') ? 1 : 0);
  });

  it('clears the outbox’s trouble once the write is sent', async () => {
    answer(request, { ...base, takePanelIntent: null });
    render(<SidePanelApp router={createRouter()} />);
    await screen.findByRole('heading', { name: 'Find a customer' });
    emitPush({ event: 'outboxChanged', items: [outboxEntry({ lastError: { kind: 'server', message: 'x' } })] });
    await screen.findByText(/^Kustomer cannot be reached\./);
    emitPush({ event: 'outboxChanged', items: [outboxEntry({ state: 'sent' })] });
    await waitFor(() => expect(screen.queryByText(/^Kustomer cannot be reached\./)).toBeNull());
  });
});

describe('Issue 17 bug 4: long names and addresses', () => {
  it.each([
    [
      'ada.lovelace@example.com',
      [
        ['ada', '.lovelace@'],
        ['example', '.com'],
      ],
    ],
    ['Augusta Ada King-Noel', [['Augusta Ada King-Noel']]],
    ['analytical-engine.example', [['analytical-engine', '.example']]],
  ])('wraps %s after its @ and before a dot only', (text, parts) => {
    expect(wrapParts(text)).toEqual(parts);
  });

  it('keeps an address whole for screen readers and on hover while it wraps for the eye', () => {
    render(<UserText text="ada.lovelace@example.com" identity />);
    const whole = screen.getByText('ada.lovelace@example.com');
    expect(whole.className).toBe('visually-hidden');
    const holder = whole.parentElement as HTMLElement;
    expect(holder.getAttribute('title')).toBe('ada.lovelace@example.com');
    const pieces = [...holder.querySelectorAll('.wrap-part')];
    expect(pieces.map((piece) => piece.getAttribute('aria-hidden'))).toEqual(['true', 'true']);
    expect(pieces.map((piece) => piece.textContent)).toEqual(['ada.lovelace@', 'example.com']);
  });
});

describe('Copy buttons', () => {
  it.each([
    ['email', 'ada@example.com', 'mailto:ada@example.com'],
    ['email', 'ada@example.com?body=hi', undefined],
    ['phone', '+44 20 7946-0018', 'tel:+442079460018'],
    ['phone', 'call me', undefined],
  ] as const)('links a plain %s %s as %s', (kind, value, href) => {
    expect(contactHref(kind, value)).toBe(href);
  });

  it('copies emails, phones and ids from the customer card and says so', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    answer(request, {
      ...base,
      takePanelIntent: null,
      getCustomer: { ...ADA_CARD, customer: { ...ADA_CARD.customer, externalId: 'crm-ada-1815' } },
    });
    const router = createRouter();
    router.navigate({ name: 'customer', customerId: ADA_CARD.customer.id });
    render(<SidePanelApp router={router} />);
    await screen.findByRole('heading', { name: 'Ada Lovelace' });
    const email = ADA_CARD.customer.emails[0] ?? '';
    expect(screen.getByRole('link', { name: email }).getAttribute('href')).toBe(`mailto:${email}`);
    fireEvent.click(screen.getByRole('button', { name: `Copy email ${email}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy external id crm-ada-1815' }));
    fireEvent.click(screen.getByRole('button', { name: `Copy kustomer id ${ADA_CARD.customer.id}` }));
    await waitFor(() =>
      expect(writeText.mock.calls.map(([value]) => value)).toEqual([email, 'crm-ada-1815', ADA_CARD.customer.id]),
    );
    expect(await screen.findByText('Kustomer id copied.')).toBeTruthy();
  });
});

describe('Issue 17 bug 2: a page the extension cannot read is not a dead end', () => {
  it('without the page’s address, says what works when the scan is refused, in an agent’s words', async () => {
    vi.mocked(activeTab).mockResolvedValue({ id: 12 });
    answer(request, {
      ...base,
      getPageCustomers: { tabId: 12, detectionActive: false, emails: [] },
      runDetectionOnTab: fails({ kind: 'refused', message: NO_ACCESS }),
    });
    renderInRouter(<LookupView />);
    expect(await screen.findByText('Chrome has not shown this page to the extension.')).toBeTruthy();
    // No "Turn on for this site" without a site; every step offered exists.
    expect(screen.queryByRole('button', { name: 'Turn on for this site' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Scan this page once' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(NO_ACCESS);
    expect(document.body.textContent).not.toMatch(/Cannot access|manifest|turn detection on/i);
    expect(screen.getByText(/click the Kustomer Sidebar button in the toolbar/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'options' }).getAttribute('href')).toBe('/options.html');
  });

  it('words Chrome’s own refusal of a site permission', async () => {
    vi.mocked(activeTab).mockResolvedValue({ id: 1, url: 'https://mail.example.com/' });
    vi.mocked(requestSitePermission).mockRejectedValue(
      new Error('Only permissions specified in the manifest may be requested.'),
    );
    answer(request, { ...base, getPageCustomers: { tabId: 1, detectionActive: false, emails: [] } });
    renderInRouter(<LookupView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Turn on for this site' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Chrome did not grant access to this site.');
    expect(document.body.textContent).not.toContain('manifest');
  });
});

describe('An outbox that names its work', () => {
  it('names the customer and conversation, offers Retry now on a waiting write and counts down the next try', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const now = Date.now();
    outboxItems.value = [
      outboxEntry({
        id: 'w-wait',
        attempts: 2,
        nextAttemptAt: now + 65_000,
        lastError: { kind: 'network', message: 'Kustomer cannot be reached.' },
        about: { customer: 'Ada Lovelace', conversation: 'Refund for damaged item' },
      }),
    ];
    answer(request, { retryWrite: { ...outboxItems.value[0], nextAttemptAt: now } as never });
    renderInRouter(<OutboxView />);
    expect(screen.getByText('Ada Lovelace')).toBeTruthy();
    expect(screen.getByText('Refund for damaged item')).toBeTruthy();
    expect(screen.getByText(/next try in 1 min 5 s/)).toBeTruthy();
    vi.advanceTimersByTime(10_000);
    expect(await screen.findByText(/next try in 55 s/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Retry now: Note/ }));
    await waitFor(() => expect(request).toHaveBeenCalledWith('retryWrite', { id: 'w-wait' }));
    expect(screen.getByRole('button', { name: /^Discard: Note/ })).toBeTruthy();
    vi.useRealTimers();
  });

  it('sends whom a write is about with it, from the customer on screen and the conversations listed', async () => {
    knownSubjects.set('conv-1', 'Refund for damaged item');
    expect(
      aboutWrite(
        { kind: 'createNote', customerId: 'cust-ada', conversationId: 'conv-1', body: 'x' },
        { id: 'cust-ada', name: 'Ada Lovelace' },
      ),
    ).toEqual({ customer: 'Ada Lovelace', conversation: 'Refund for damaged item' });
    expect(aboutWrite({ kind: 'createConversation', customerId: 'other', subject: 'Hello' }, null)).toEqual({
      conversation: 'Hello',
    });
  });
});

describe('Recent customers', () => {
  it('lists the customers opened, newest first, at most 20, and points out unsent drafts', async () => {
    const { store } = await useMemoryDrafts();
    setConnections([CONNECTED]);
    for (let index = 0; index < 22; index += 1) {
      rememberCustomer({ id: `c${index}`, name: `Customer ${index}` }, 'org-0', index);
    }
    store.set('note:conv-1', 'half a note');
    store.set('message:conv-2', 'half a message');
    store.set('search', 'ada');
    answer(request, { ...base, takePanelIntent: null });
    const { router } = renderInRouter(<LookupView />);
    const list = await screen.findByRole('list', { name: 'Recent customers' });
    const names = [...list.querySelectorAll('.result-name')].map((element) => element.textContent);
    expect(names).toHaveLength(20);
    expect(names[0]).toBe('Customer 21');
    expect(screen.getByText('2 unsent drafts')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Customer 21/ }));
    expect(router.current).toEqual({ name: 'customer', customerId: 'c21', connectionId: 'org-0' });
  });

  it('reopens on the last screen used, and a search forgets it', async () => {
    answer(request, { ...base, takePanelIntent: null, getCustomer: ADA_CARD });
    const memory = connectionPanelMemoryItem('org-0');
    await memory.setValue({ recent: [], lastScreen: { name: 'customer', customerId: ADA_CARD.customer.id } });
    resetPanelMemoryForTests();
    render(<SidePanelApp router={createRouter()} />);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    await waitFor(() => expect(recentCustomers.value?.map((entry) => entry.name)).toEqual(['Ada Lovelace']));
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByRole('heading', { name: 'Find a customer' });
    await waitFor(async () => expect((await memory.getValue()).lastScreen).toBeUndefined());
    expect((await memory.getValue()).recent.map((entry) => entry.name)).toEqual(['Ada Lovelace']);
  });
});

describe('Issue 17 bug 5: search results show the company and why they matched', () => {
  const ada = {
    connectionId: 'org-0' as const,
    id: 'cust-ada',
    name: 'Ada Lovelace',
    email: 'ada.lovelace@example.com',
    emails: ['ada.lovelace@example.com', 'countess@analytical-engine.example'],
    phones: [],
    tags: [],
    companyId: 'co-ae',
    companyName: 'Analytical Engines Ltd',
  };

  async function searchFor(text: string) {
    const rendered = renderInRouter(<LookupView />);
    fireEvent.input(await screen.findByRole('searchbox', { name: 'Search customers' }), { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    return { ...rendered, results: await screen.findByRole('list', { name: 'Search results' }) };
  }

  it('shows each result’s company and the field it matched on', async () => {
    answer(request, {
      ...base,
      searchCustomers: {
        hits: [
          { ...ada, match: { field: 'email', value: 'countess@analytical-engine.example' } },
          {
            ...ada,
            id: 'cust-b',
            name: 'Babbage',
            companyName: 'Difference Ltd',
            match: { field: 'company', value: 'x' },
          },
        ],
        unanswered: [],
      },
    });
    const { results } = await searchFor('analytical');
    const items = results.querySelectorAll('li');
    expect(items[0]?.textContent).toContain('Analytical Engines Ltd');
    expect(items[0]?.textContent).toContain('Matched on email: countess@analytical-engine.example');
    expect(items[1]?.textContent).toContain('Difference Ltd');
    expect(items[1]?.textContent).toContain('Matched on company: x');
  });

  it('names the external id, the chosen attribute and the KObject a result was found by', async () => {
    answer(request, {
      ...base,
      searchCustomers: {
        hits: [
          { ...ada, match: { field: 'externalId', value: 'crm-ada-1815' } },
          { ...ada, id: 'cust-2', match: { field: 'attribute', value: 'W-181512', label: 'Last order number' } },
          {
            ...ada,
            id: 'cust-3',
            match: { field: 'kobject', value: 'SO-18150001', label: 'Order' },
            kobject: { id: 'ko-1', klassName: 'order', title: 'Order #538201' },
          },
        ],
        unanswered: [],
      },
    });
    const { results, router } = await searchFor('SO-18150001');
    expect(results.textContent).toContain('Matched on external id: crm-ada-1815');
    expect(results.textContent).toContain('Matched on Last order number: W-181512');
    expect(results.textContent).toContain('Matched on Order SO-18150001: Order #538201');
    fireEvent.click(screen.getAllByRole('button', { name: /Ada Lovelace/ })[2] as HTMLElement);
    expect(router.current).toEqual({
      name: 'kobjects',
      customerId: 'cust-3',
      customerName: 'Ada Lovelace',
      companyId: 'co-ae',
      kobjectId: 'ko-1',
    });
  });
});
