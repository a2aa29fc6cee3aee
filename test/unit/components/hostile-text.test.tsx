// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationView } from '../../../components/conversation-view';
import { CustomerView } from '../../../components/customer-view';
import { LookupView } from '../../../components/lookup-view';
import { OptionsApp } from '../../../components/options-app';
import { ErrorNotice } from '../../../components/status-views';
import { request } from '../../../lib/messaging/client';
import type { Settings } from '../../../lib/messaging/model';
import { activeTab, hasSitePermission, requestSitePermission } from '../../../lib/ui/active-tab';
import { ADA_ACTIVITY, ADA_CARD, CONVERSATION_DETAIL, connectedStatus, everywhere } from './fixtures';
import { answer, renderInRouter, useMemoryDrafts } from './harness';

/**
 * Issue 21, findings 8 and 9: what a hostile or broken Kustomer API, or a plain-http site, can do to the
 * panel. Each case failed before the protections in components/user-text.tsx and components/site-list.tsx.
 */

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/active-tab', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/active-tab')>()),
  activeTab: vi.fn(),
  requestSitePermission: vi.fn(),
  hasSitePermission: vi.fn(),
}));

beforeEach(async () => {
  await useMemoryDrafts();
  vi.mocked(hasSitePermission).mockResolvedValue(true);
});

const RLO = '\u202E';
/** The card's h2 once the customer painted (before, the screen's heading is "Customer"). */
async function customerHeading(): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).not.toBe('Customer'));
  return screen.getByRole('heading', { level: 2 });
}

const cardWith = (name: string, extra: Partial<typeof ADA_CARD.customer> = {}) => ({
  ...ADA_CARD,
  customer: { ...ADA_CARD.customer, name, ...extra },
});

describe('Kustomer text is isolated and bidi controls in names are visible', () => {
  it('shows a right-to-left override in a name instead of obeying it, inside an isolate', async () => {
    const name = `${RLO}ecalevol adA`;
    answer(request, {
      lookupEmail: everywhere(cardWith(name, { emails: [`${RLO}moc.elpmaxe@ada`] })),
      getCustomerActivity: ADA_ACTIVITY,
    });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    const heading = await customerHeading();
    // The override is not in the text any more: it is shown as a visible mark, so the letters stay in order.
    expect(heading.textContent).not.toContain(RLO);
    expect(heading.textContent).toContain('RLO');
    expect(heading.textContent).toContain('ecalevol adA');
    const isolate = heading.querySelector('bdi');
    expect(isolate?.getAttribute('dir')).toBe('auto');
    // The same in an address.
    const address = screen.getByText(/moc\.elpmaxe@ada/);
    expect(address.textContent).not.toContain(RLO);
    expect(address.closest('bdi')).toBeTruthy();
  });

  it('isolates company names, conversation subjects, previews, note and message bodies', async () => {
    answer(request, { getConversation: CONVERSATION_DETAIL, listUsers: [], listSubStatuses: [] });
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    const note = await screen.findByText('<b>not bold</b> checked the order');
    expect(note.closest('bdi, [dir="auto"]')).toBeTruthy();
    const preview = screen.getByText('Could you refund the second engine?');
    expect(preview.closest('bdi, [dir="auto"]')).toBeTruthy();
    const subject = screen.getByText('Refund');
    expect(subject.closest('bdi, [dir="auto"]')).toBeTruthy();
  });
});

describe('Lengths are capped', () => {
  it('does not render a 10,000,000-character name in full; the title keeps more of it', async () => {
    const name = 'A'.repeat(10_000_000);
    answer(request, { lookupEmail: everywhere(cardWith(name)), getCustomerActivity: ADA_ACTIVITY });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    const heading = await customerHeading();
    expect(heading.textContent?.length ?? 0).toBeLessThan(300);
    expect(heading.textContent).toMatch(/…$/);
    expect(heading.querySelector('[title]')?.getAttribute('title')?.length ?? 0).toBeGreaterThan(300);
    expect(document.body.innerHTML.length).toBeLessThan(100_000);
  });

  it('shows a long note body shortened, with a Show more toggle', async () => {
    const body = `start ${'x'.repeat(20_000)} end`;
    const detail = {
      ...CONVERSATION_DETAIL,
      timeline: [{ ...(CONVERSATION_DETAIL.timeline[1] as object), body } as (typeof CONVERSATION_DETAIL.timeline)[1]],
    };
    answer(request, { getConversation: detail, listUsers: [], listSubStatuses: [] });
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    const toggle = await screen.findByRole('button', { name: 'Show more' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText(/ end$/)).toBeNull();
    fireEvent.click(toggle);
    expect(await screen.findByText(/ end$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
  });
});

describe('Kustomer’s words are quoted, never a link or an instruction', () => {
  it('quotes the API’s error text with its URL defanged', () => {
    render(
      <ErrorNotice
        error={{
          kind: 'validation',
          message: 'Kustomer refused the request.',
          detail: 'Your key expired. Paste a new one at https://evil.example/renew?k=1 now',
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Kustomer said: “');
    expect(alert.textContent).not.toContain('https://evil.example');
    expect(alert.textContent).toContain('evil[.]example');
    expect(alert.querySelector('a')).toBeNull();
    expect(alert.querySelector('q, blockquote')).toBeTruthy();
  });
});

const SETTINGS: Settings = {
  neverLookUpDomains: [],
  paused: false,
  enabledSites: ['https://mail.example.com', 'http://intranet.example'],
  oauthClientId: 'kustomer-sidebar',
};

describe('Plain-http sites', () => {
  it('marks http sites in the options list', async () => {
    answer(request, {
      getConnections: [connectedStatus({ userName: 'Sam' })],
      getSettings: SETTINGS,
    });
    render(<OptionsApp />);
    const list = await screen.findByRole('list', { name: 'Sites with detection' });
    const items = list.querySelectorAll('li');
    expect(items[1]?.textContent).toContain('Not encrypted');
    expect(items[0]?.textContent).not.toContain('Not encrypted');
  });

  it('asks a second time, saying why, before turning detection on for an http site in the options', async () => {
    vi.mocked(requestSitePermission).mockResolvedValue(true);
    answer(request, {
      getConnections: [connectedStatus({ userName: 'Sam' })],
      getSettings: { ...SETTINGS, enabledSites: [] },
      enableSite: { ...SETTINGS, enabledSites: ['http://shop.example'] },
    });
    render(<OptionsApp />);
    fireEvent.input(await screen.findByLabelText('Site address'), { target: { value: 'http://shop.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    const warning = await screen.findByRole('alertdialog');
    expect(warning.textContent).toContain('anyone on the network can change this page');
    expect(requestSitePermission).not.toHaveBeenCalled();
    // Focus lands on the safe choice; Escape cancels.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(warning, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Turn on for http://shop.example anyway' }));
    expect(requestSitePermission).toHaveBeenCalledWith('http://shop.example');
    await waitFor(() => expect(request).toHaveBeenCalledWith('enableSite', { origin: 'http://shop.example' }));
  });

  it('asks a second time before turning detection on for an http site from the panel', async () => {
    vi.mocked(activeTab).mockResolvedValue({ id: 7, url: 'http://shop.example/cart' });
    vi.mocked(requestSitePermission).mockResolvedValue(true);
    answer(request, {
      getPageCustomers: { tabId: 7, url: 'http://shop.example/cart', detectionActive: false, emails: [] },
      getSettings: { ...SETTINGS, enabledSites: [] },
      enableSite: { ...SETTINGS, enabledSites: ['http://shop.example'] },
    });
    renderInRouter(<LookupView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Turn on for this site' }));
    const warning = await screen.findByRole('alertdialog');
    expect(warning.textContent).toContain('anyone on the network can change this page');
    expect(requestSitePermission).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Turn on for http://shop.example anyway' }));
    expect(requestSitePermission).toHaveBeenCalledWith('http://shop.example');
  });
});
