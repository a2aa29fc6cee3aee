// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LookupView } from '../../../components/lookup-view';
import { request } from '../../../lib/messaging/client';
import type { PageCustomers } from '../../../lib/messaging/model';
import { activeTab, requestSitePermission } from '../../../lib/ui/active-tab';
import { connections } from '../../../lib/ui/connection-store';
import { emitPush } from './client-mock';
import { ADA_CARD, connectedStatus } from './fixtures';
import { answer, fails, never, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/active-tab', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/active-tab')>()),
  activeTab: vi.fn(),
  requestSitePermission: vi.fn(),
}));

const TAB = { id: 7, url: 'https://mail.example.com/inbox/1' };
const SETTINGS = {
  neverLookUpDomains: [],
  paused: false,
  enabledSites: ['https://mail.example.com'],
  oauthClientId: 'kustomer-sidebar',
};
const page = (overrides: Partial<PageCustomers> = {}): PageCustomers => ({
  tabId: 7,
  url: TAB.url,
  detectionActive: true,
  emails: [
    { email: 'ada.lovelace@example.com', status: 'known', customer: ADA_CARD.customer },
    { email: 'nobody@unknown.example', status: 'unknown' },
    { email: 'grace.hopper@example.org', status: 'pending' },
  ],
  ...overrides,
});

beforeEach(async () => {
  await useMemoryDrafts();
  vi.mocked(activeTab).mockResolvedValue(TAB);
});

describe('Lookup: search', () => {
  it('lists the customers found and opens one', async () => {
    answer(request, {
      getPageCustomers: page(),
      searchCustomers: { hits: [{ ...ADA_CARD.customer, connectionId: ADA_CARD.connectionId }], unanswered: [] },
    });
    const { router } = renderInRouter(<LookupView />);
    fireEvent.input(screen.getByLabelText('Search customers', { selector: 'input' }), { target: { value: 'ada' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    const results = await screen.findByRole('list', { name: 'Search results' });
    fireEvent.click(results.querySelector('button') as HTMLButtonElement);
    expect(router.current).toEqual({ name: 'customer', customerId: 'cust-ada', connectionId: 'org-0' });
    expect(request).toHaveBeenCalledWith('searchCustomers', { query: 'ada' });
  });

  it('offers to create a customer when nobody has the address searched', async () => {
    answer(request, { getPageCustomers: page(), searchCustomers: { hits: [], unanswered: [] } });
    const { router } = renderInRouter(<LookupView />);
    fireEvent.input(screen.getByLabelText('Search customers', { selector: 'input' }), {
      target: { value: 'New@Example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Create customer New@Example.com' }));
    expect(router.current).toEqual({ name: 'createCustomer', email: 'new@example.com' });
  });

  it('shows a failed search with a retry', async () => {
    let calls = 0;
    answer(request, {
      getPageCustomers: page(),
      searchCustomers: () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return { hits: [{ ...ADA_CARD.customer, connectionId: ADA_CARD.connectionId }], unanswered: [] };
      },
    });
    renderInRouter(<LookupView />);
    fireEvent.input(screen.getByLabelText('Search customers', { selector: 'input' }), { target: { value: 'ada' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('list', { name: 'Search results' })).toBeTruthy();
  });

  it('names an organisation that did not answer beside what the others found, with a retry', async () => {
    connections.value = [connectedStatus(), { ...connectedStatus(), id: 'org-1', label: 'Brightwave' }];
    let calls = 0;
    const down = { kind: 'network', message: 'Can’t reach Kustomer at brightwave.kustomerapp.com.' } as const;
    answer(request, {
      getPageCustomers: page(),
      searchCustomers: () => {
        calls += 1;
        const hits = [{ ...ADA_CARD.customer, connectionId: ADA_CARD.connectionId }];
        return calls === 1 ? { hits, unanswered: [{ connectionId: 'org-1', error: down }] } : { hits, unanswered: [] };
      },
    });
    renderInRouter(<LookupView />);
    fireEvent.input(screen.getByLabelText('Search customers', { selector: 'input' }), { target: { value: 'ada' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByRole('list', { name: 'Search results' });
    expect(screen.getByRole('status').textContent).toContain(
      'Brightwave did not answer this search: Can’t reach Kustomer at brightwave.kustomerapp.com.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText(/did not answer this search/)).toBeNull());
    expect(calls).toBe(2);
    connections.value = null;
  });

  it('keeps what was typed in the search box as a draft', async () => {
    const { store } = await useMemoryDrafts({ search: { text: 'grace', updatedAt: 1 } });
    answer(request, { getPageCustomers: page() });
    renderInRouter(<LookupView />);
    const box = screen.getByLabelText('Search customers', { selector: 'input' }) as HTMLInputElement;
    expect(box.value).toBe('grace');
    expect(document.activeElement).toBe(box);
    fireEvent.input(box, { target: { value: 'grace h' } });
    expect(store.get('search')).toBe('grace h');
  });
});

describe('Lookup: on this page', () => {
  it('shows a skeleton while the page is read', async () => {
    answer(request, { getPageCustomers: never });
    renderInRouter(<LookupView />);
    expect(await screen.findByText('Reading this page…')).toBeTruthy();
  });

  it('marks each address known or unknown and opens the customer', async () => {
    answer(request, { getPageCustomers: page() });
    const { router } = renderInRouter(<LookupView />);
    const list = await screen.findByRole('list', { name: 'Addresses on this page' });
    expect(list.textContent).toMatch(/Ada Lovelace.*ada\.lovelace@example\.com.*Known customer/);
    expect(list.textContent).toContain('nobody@unknown.exampleNot in Kustomer');
    fireEvent.click(screen.getByRole('button', { name: /nobody@unknown.example/ }));
    expect(router.current).toEqual({ name: 'customer', email: 'nobody@unknown.example' });
  });

  it('moves through the addresses with the arrow keys, Home and End', async () => {
    answer(request, { getPageCustomers: page() });
    renderInRouter(<LookupView />);
    await screen.findByRole('list', { name: 'Addresses on this page' });
    const [first, second, third] = screen.getAllByRole('button', { name: /Known customer|Not in Kustomer|Paused/ });
    expect([first?.tabIndex, second?.tabIndex, third?.tabIndex]).toEqual([0, -1, -1]);
    first?.focus();
    fireEvent.keyDown(first as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    expect(second?.tabIndex).toBe(0);
    fireEvent.keyDown(second as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(third);
    fireEvent.keyDown(third as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(third);
    fireEvent.keyDown(third as HTMLElement, { key: 'Home' });
    expect(document.activeElement).toBe(first);
  });

  it('says when the page has no addresses', async () => {
    answer(request, { getPageCustomers: page({ emails: [] }) });
    renderInRouter(<LookupView />);
    expect(await screen.findByText('No email addresses on this page yet.')).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    answer(request, { getPageCustomers: fails({ kind: 'internal', message: 'The tab is gone.' }) });
    renderInRouter(<LookupView />);
    expect((await screen.findByRole('alert')).textContent).toContain('The tab is gone.');
    answer(request, { getPageCustomers: page() });
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('list', { name: 'Addresses on this page' })).toBeTruthy();
  });

  it('turns detection on for the site: permission first, in the click, then enableSite', async () => {
    let enabled = false;
    answer(request, {
      getPageCustomers: () => page({ detectionActive: enabled }),
      enableSite: () => {
        enabled = true;
        return {
          neverLookUpDomains: [],
          paused: false,
          enabledSites: ['https://mail.example.com'],
          oauthClientId: 'x',
        };
      },
    });
    vi.mocked(requestSitePermission).mockResolvedValue(true);
    renderInRouter(<LookupView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Turn on for this site' }));
    expect(requestSitePermission).toHaveBeenCalledWith('https://mail.example.com');
    await screen.findByRole('list', { name: 'Addresses on this page' });
    expect(request).toHaveBeenCalledWith('enableSite', { origin: 'https://mail.example.com' });
  });

  it('offers to keep detection on after a one-time scan of a site that is not enabled', async () => {
    vi.mocked(requestSitePermission).mockResolvedValue(true);
    answer(request, {
      getPageCustomers: page(),
      getSettings: { ...SETTINGS, enabledSites: [] },
      enableSite: { ...SETTINGS, enabledSites: ['https://mail.example.com'] },
    });
    renderInRouter(<LookupView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Always detect on mail.example.com' }));
    expect(requestSitePermission).toHaveBeenCalledWith('https://mail.example.com');
    await waitFor(() => expect(screen.queryByRole('button', { name: /Always detect/ })).toBeNull());
  });

  it('does not offer it on a site that is already enabled', async () => {
    answer(request, { getPageCustomers: page(), getSettings: SETTINGS });
    renderInRouter(<LookupView />);
    await screen.findByRole('list', { name: 'Addresses on this page' });
    await waitFor(() => expect(vi.mocked(request).mock.calls.some(([type]) => type === 'getSettings')).toBe(true));
    expect(screen.queryByRole('button', { name: /Always detect/ })).toBeNull();
  });

  it('does not enable the site when Chrome refuses the permission', async () => {
    answer(request, { getPageCustomers: page({ detectionActive: false }) });
    vi.mocked(requestSitePermission).mockResolvedValue(false);
    renderInRouter(<LookupView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Turn on for this site' }));
    expect((await screen.findByRole('alert')).textContent).toContain('did not grant access');
    expect(request).not.toHaveBeenCalledWith('enableSite', expect.anything());
  });

  it('scans the page once', async () => {
    let scanned = false;
    answer(request, {
      getPageCustomers: () => page({ detectionActive: scanned }),
      runDetectionOnTab: () => {
        scanned = true;
        return page();
      },
    });
    renderInRouter(<LookupView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Scan this page once' }));
    await screen.findByRole('list', { name: 'Addresses on this page' });
    expect(request).toHaveBeenCalledWith('runDetectionOnTab', { tabId: 7 });
  });

  it('says when the page has too many addresses and its lookups are paused (issue 21)', async () => {
    answer(request, { getPageCustomers: page({ paused: true }) });
    renderInRouter(<LookupView />);
    await screen.findByRole('list', { name: 'Addresses on this page' });
    expect(screen.getByRole('status').textContent).toContain('This page has too many addresses; lookups paused.');
    expect(screen.getByRole('button', { name: /Paused/ })).toBeTruthy();
  });

  it('re-reads the list when the background says the page changed', async () => {
    let emails = page({ emails: [] });
    answer(request, { getPageCustomers: () => emails });
    renderInRouter(<LookupView />);
    await screen.findByText('No email addresses on this page yet.');
    emails = page();
    emitPush({ event: 'pageChanged', tabId: 7 });
    expect(await screen.findByRole('list', { name: 'Addresses on this page' })).toBeTruthy();
  });
});

it('offers to resume an unsaved quick note', async () => {
  await useMemoryDrafts({ quicknote: { text: 'half a note', updatedAt: 1 } });
  answer(request, { getPageCustomers: page() });
  const { router } = renderInRouter(<LookupView />);
  fireEvent.click(screen.getByRole('button', { name: 'Resume your quick note' }));
  await waitFor(() => expect(router.current.name).toBe('quickNote'));
});
