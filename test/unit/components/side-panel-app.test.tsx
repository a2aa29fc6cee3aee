// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SidePanelApp } from '../../../components/side-panel-app';
import { request } from '../../../lib/messaging/client';
import { activeTab } from '../../../lib/ui/active-tab';
import { setAppDrafts } from '../../../lib/ui/app-drafts';
import { connections } from '../../../lib/ui/connection-store';
import { createDraftStore } from '../../../lib/ui/drafts';
import { browserOnline, kustomerTrouble } from '../../../lib/ui/network';
import { createRouter } from '../../../lib/ui/router';
import { emitPush } from './client-mock';
import { ADA_ACTIVITY, ADA_CARD, connectedStatus, everywhere, outboxEntry } from './fixtures';
import { answer, fails, type Handlers, never, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/active-tab', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/active-tab')>()),
  activeTab: vi.fn(),
}));

const CONNECTED = connectedStatus();
const base: Handlers = {
  getConnections: [CONNECTED],
  getOutbox: [],
  takePanelIntent: null,
  getPageCustomers: { tabId: 1, detectionActive: true, emails: [] },
  lookupEmail: everywhere(ADA_CARD),
  getCustomerActivity: ADA_ACTIVITY,
};

beforeEach(async () => {
  await useMemoryDrafts();
  kustomerTrouble.value = 'ok';
  browserOnline.value = true;
  vi.mocked(activeTab).mockResolvedValue({ id: 1, url: 'https://mail.example.com/' });
});

const lookups = () =>
  vi
    .mocked(request)
    .mock.calls.filter(([type]) => type === 'lookupEmail')
    .map(([, input]) => input);

describe('Side panel', () => {
  it('asks to connect first, keeping the not-connected heading', async () => {
    answer(request, { ...base, getConnections: [] });
    render(<SidePanelApp />);
    expect(await screen.findByRole('heading', { name: 'Not connected to Kustomer' })).toBeTruthy();
    // The connect form is loaded on demand (only a panel that is not connected shows it).
    expect(await screen.findByRole('button', { name: 'Connect to Kustomer' })).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
  });

  it('still offers to connect when the background does not answer', async () => {
    answer(request, {
      ...base,
      getConnections: fails({ kind: 'internal', message: 'The extension’s background did not answer.' }),
    });
    render(<SidePanelApp />);
    expect(await screen.findByText('The extension’s background did not answer.')).toBeTruthy();
    expect(await screen.findByLabelText('API key')).toBeTruthy();
  });

  it('opens on lookup once connected and follows a connection change', async () => {
    answer(request, base);
    render(<SidePanelApp />);
    expect(await screen.findByRole('heading', { name: 'Find a customer' })).toBeTruthy();
    emitPush({ event: 'connectionChanged', connections: [] });
    expect(await screen.findByRole('heading', { name: 'Not connected to Kustomer' })).toBeTruthy();
  });

  it('opens the customer a pending intent asks for, then Escape and Back return', async () => {
    answer(request, {
      ...base,
      takePanelIntent: { intent: { kind: 'showCustomer', email: 'ada.lovelace@example.com', source: 'contextMenu' } },
    });
    render(<SidePanelApp />);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(await screen.findByRole('heading', { name: 'Find a customer' })).toBeTruthy();
    emitPush({
      event: 'panelIntent',
      intent: { kind: 'showCustomer', email: 'ada.lovelace@example.com', source: 'page' },
    });
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('heading', { name: 'Find a customer' })).toBeTruthy();
  });

  it('asks for a pending intent and the connection together, without waiting for the saved drafts', () => {
    answer(request, base);
    setAppDrafts(createDraftStore({ getValue: never, setValue: async () => undefined }));
    render(<SidePanelApp />);
    const asked = vi.mocked(request).mock.calls.map(([type]) => type);
    expect(asked).toContain('takePanelIntent');
    expect(asked).toContain('getConnections');
  });

  it('sends the card’s lookup as soon as the intent names the address, once', async () => {
    let connect: (list: (typeof CONNECTED)[]) => void = () => undefined;
    answer(request, {
      ...base,
      takePanelIntent: { intent: { kind: 'showCustomer', email: 'ada.lovelace@example.com', source: 'contextMenu' } },
      // The connection answers last: the lookup must not wait for the customer screen to mount.
      getConnections: () =>
        new Promise((resolve) => {
          connect = resolve;
        }),
    });
    connections.value = null;
    render(<SidePanelApp />);
    await waitFor(() => expect(lookups()).toEqual([{ email: 'ada.lovelace@example.com' }]));
    expect(screen.getByText('Starting…')).toBeTruthy();
    connect([CONNECTED]);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(lookups()).toHaveLength(1);
  });

  it('follows a pushed intent with one lookup that travels with the route, then fills the card in', async () => {
    let activity: (value: typeof ADA_ACTIVITY) => void = () => undefined;
    answer(request, {
      ...base,
      getCustomerActivity: () =>
        new Promise((resolve) => {
          activity = resolve;
        }),
    });
    const router = createRouter();
    render(<SidePanelApp router={router} />);
    await screen.findByRole('heading', { name: 'Find a customer' });
    emitPush({
      event: 'panelIntent',
      intent: { kind: 'showCustomer', email: 'ada.lovelace@example.com', source: 'page' },
    });
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(router.current).toMatchObject({
      name: 'customer',
      email: 'ada.lovelace@example.com',
      card: expect.anything(),
    });
    expect(screen.getByRole('region', { name: 'Recent conversations' }).getAttribute('aria-busy')).toBe('true');
    activity(ADA_ACTIVITY);
    expect(await screen.findByRole('button', { name: 'Conversations (2 open)' })).toBeTruthy();
    expect(lookups()).toEqual([{ email: 'ada.lovelace@example.com' }]);
  });

  it('leaves a filled field on the first Escape and the screen on the second', async () => {
    answer(request, { ...base, listConversations: [] });
    const router = createRouter();
    router.navigate({ name: 'newConversation', customerId: 'cust-ada', customerName: 'Ada Lovelace' });
    render(<SidePanelApp router={router} />);
    const subject = await screen.findByLabelText('Subject');
    fireEvent.input(subject, { target: { value: 'Half a subject' } });
    subject.focus();
    fireEvent.keyDown(subject, { key: 'Escape' });
    expect(router.current.name).toBe('newConversation');
    expect(document.activeElement).not.toBe(subject);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(await screen.findByRole('heading', { name: 'Find a customer' })).toBeTruthy();
  });

  it('opens the quick note a pushed intent asks for, prefilled', async () => {
    answer(request, { ...base, listConversations: [] });
    render(<SidePanelApp router={createRouter()} />);
    await screen.findByRole('heading', { name: 'Find a customer' });
    emitPush({
      event: 'panelIntent',
      intent: { kind: 'quickNote', text: 'Selected words', email: 'ada.lovelace@example.com' },
    });
    expect(await screen.findByRole('heading', { name: 'Quick note' })).toBeTruthy();
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Selected words');
  });

  it('counts unsent writes on the Outbox button and opens the outbox', async () => {
    answer(request, { ...base, getOutbox: [outboxEntry(), outboxEntry({ id: 'w2', state: 'failed' })] });
    render(<SidePanelApp />);
    const button = await screen.findByRole('button', { name: 'Outbox, 2 unsent, 1 failed' });
    fireEvent.click(button);
    expect(await screen.findByRole('heading', { name: 'Outbox' })).toBeTruthy();
    emitPush({ event: 'outboxChanged', items: [] });
    expect(await screen.findByRole('button', { name: 'Outbox, 0 unsent' })).toBeTruthy();
  });

  it('says Kustomer cannot be reached after a network failure (not "offline") and hides it after a success', async () => {
    answer(request, { ...base, lookupEmail: fails({ kind: 'network', message: 'Kustomer cannot be reached.' }) });
    const router = createRouter();
    router.navigate({ name: 'customer', email: 'ada.lovelace@example.com' });
    render(<SidePanelApp router={router} />);
    const banner = await screen.findByText(/^Kustomer cannot be reached\. What you write is kept/);
    expect(banner.textContent).not.toMatch(/offline|No network/);
    answer(request, base);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText(/^Kustomer cannot be reached\. What you write/)).toBeNull());
  });
});
