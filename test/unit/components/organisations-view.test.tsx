// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectContext } from '../../../components/router-context';
import { SidePanelApp } from '../../../components/side-panel-app';
import { ErrorNotice } from '../../../components/status-views';
import { request } from '../../../lib/messaging/client';
import type { ErrorInfo, OrgConnectionStatus } from '../../../lib/messaging/model';
import { activeTab } from '../../../lib/ui/active-tab';
import { connections } from '../../../lib/ui/connection-store';
import { createRouter } from '../../../lib/ui/router';
import { connectedStatus } from './fixtures';
import { answer, type Handlers, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/active-tab', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/active-tab')>()),
  activeTab: vi.fn(),
}));

const SANDBOX = connectedStatus();
const BRIGHTWAVE = {
  ...connectedStatus({ orgName: 'brightwave' }),
  id: 'org-bright' as const,
  label: 'Brightwave',
  colour: 'orange' as const,
};
const base: Handlers = {
  getConnections: [SANDBOX, BRIGHTWAVE],
  getOutbox: [],
  takePanelIntent: null,
  getPageCustomers: { tabId: 1, detectionActive: true, emails: [] },
  getSettings: { neverLookUpDomains: [], paused: false, enabledSites: [], oauthClientId: '' },
};
const REFUSED: ErrorInfo = { kind: 'unauthorized', message: 'Unauthorized', connectionId: 'org-bright' };

beforeEach(async () => {
  await useMemoryDrafts();
  vi.mocked(activeTab).mockResolvedValue({ id: 1, url: 'https://mail.example.com/' });
});

describe('Organisations in the panel', () => {
  it('opens from who is connected, renames one and signs out of another without leaving the panel', async () => {
    let list: OrgConnectionStatus[] = [SANDBOX, BRIGHTWAVE];
    answer(request, {
      ...base,
      updateConnection: (input: { connectionId: string; label?: string }) => {
        list = list.map((org) => (org.id === input.connectionId ? { ...org, label: input.label ?? org.label } : org));
        return list;
      },
      signOut: (input: { connectionId: string }) => {
        list = list.filter((org) => org.id !== input.connectionId);
        return list;
      },
    });
    const router = createRouter();
    render(<SidePanelApp router={router} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Organisations: sandbox, Brightwave' }));
    expect(await screen.findByRole('heading', { name: 'Organisations' })).toBeTruthy();
    expect(router.current).toEqual({ name: 'organisations' });
    expect((await screen.findByRole('list', { name: 'Connected organisations' })).textContent).toContain('Brightwave');

    fireEvent.click(screen.getByRole('button', { name: 'Rename Brightwave' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'New name for Brightwave' }), {
      target: { value: 'Bright EU' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText('Renamed to Bright EU.')).toBeTruthy();
    expect(request).toHaveBeenCalledWith('updateConnection', { connectionId: 'org-bright', label: 'Bright EU' });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out of sandbox' }));
    expect(await screen.findByText('Signed out of sandbox. The other organisations stay connected.')).toBeTruthy();
    await waitFor(() => expect(connections.value?.map((org) => org.label)).toEqual(['Bright EU']));
    expect(request).toHaveBeenCalledWith('signOut', { connectionId: 'org-0' });
    // One left: its summary, and the panel stays connected on the same screen.
    expect((await screen.findByText(/Connected to/)).textContent).toContain('brightwave');
    expect(screen.getByRole('heading', { name: 'Organisations' })).toBeTruthy();
  });

  it('opens with the reconnect form of the organisation asked for', async () => {
    answer(request, base);
    const router = createRouter();
    router.navigate({ name: 'organisations', reconnect: 'org-bright' });
    render(<SidePanelApp router={router} />);
    const reconnect = await screen.findByRole('button', { name: 'Reconnect Brightwave' });
    expect(reconnect.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: 'Reconnect sandbox' }).getAttribute('aria-expanded')).toBe('false');
    expect(await screen.findByLabelText('API key')).toBeTruthy();
  });
});

describe('A refused organisation in an error', () => {
  it('offers to reconnect that organisation where the page can open it', async () => {
    connections.value = [SANDBOX, BRIGHTWAVE];
    const open = vi.fn();
    render(
      <ReconnectContext.Provider value={open}>
        <ErrorNotice error={REFUSED} />
      </ReconnectContext.Provider>,
    );
    expect(screen.getByText(/no longer accepts the saved API key of Brightwave/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect Brightwave' }));
    expect(open).toHaveBeenCalledWith('org-bright');
  });

  it.each([
    ['without a way to open it (the options page)', REFUSED, false],
    ['for an error of no organisation', { kind: 'unauthorized', message: 'Unauthorized' } as ErrorInfo, true],
    ['for an organisation no longer connected', { ...REFUSED, connectionId: 'org-gone' } as ErrorInfo, true],
    ['for another kind of error', { ...REFUSED, kind: 'server' } as ErrorInfo, true],
  ])('offers nothing %s', (_, error, provided) => {
    connections.value = [SANDBOX, BRIGHTWAVE];
    const notice = <ErrorNotice error={error} />;
    render(provided ? <ReconnectContext.Provider value={vi.fn()}>{notice}</ReconnectContext.Provider> : notice);
    expect(screen.queryByRole('button', { name: /Reconnect/ })).toBeNull();
  });
});
