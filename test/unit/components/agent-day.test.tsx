// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SidePanelApp } from '../../../components/side-panel-app';
import { createPanelIntents } from '../../../lib/background/panel-intent';
import { request } from '../../../lib/messaging/client';
import { activeTab } from '../../../lib/ui/active-tab';
import { browserOnline, kustomerTrouble } from '../../../lib/ui/network';
import { createRouter } from '../../../lib/ui/router';
import { emitPush } from './client-mock';
import { ADA_ACTIVITY, ADA_CARD, outboxEntry } from './fixtures';
import { answer, type Handlers, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/active-tab', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/active-tab')>()),
  activeTab: vi.fn(),
}));

const CONNECTED = { state: 'connected', orgName: 'sandbox', userName: 'Sam Rivera' } as const;
const base: Handlers = {
  getConnection: CONNECTED,
  getOutbox: [],
  getSettings: { neverLookUpDomains: [], paused: false, enabledSites: [], oauthClientId: 'x' },
  getPageCustomers: { tabId: 1, detectionActive: true, emails: [] },
  lookupEmail: ADA_CARD,
  getCustomerActivity: ADA_ACTIVITY,
  listConversations: [],
};

beforeEach(async () => {
  fakeBrowser.reset();
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
      expect(await screen.findByRole('heading', { name: heading })).toBeTruthy();
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
