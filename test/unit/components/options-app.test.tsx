// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp, parseDomains } from '../../../components/options-app';
import { request } from '../../../lib/messaging/client';
import type { Settings } from '../../../lib/messaging/model';
import { hasSitePermission, requestSitePermission } from '../../../lib/ui/active-tab';
import { connectedStatus } from './fixtures';
import { answer, fails, type Handlers, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/active-tab', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/active-tab')>()),
  requestSitePermission: vi.fn(),
  hasSitePermission: vi.fn(),
}));

const SETTINGS: Settings = {
  neverLookUpDomains: ['acme.com'],
  paused: false,
  enabledSites: ['https://mail.example.com'],
  oauthClientId: 'kustomer-sidebar',
};
const base: Handlers = {
  getConnections: [connectedStatus()],
  getSettings: SETTINGS,
  getDiagnostics: [],
};

beforeEach(async () => {
  await useMemoryDrafts();
  vi.mocked(hasSitePermission).mockResolvedValue(true);
});

describe('Options', () => {
  it('shows the connection and signs out', async () => {
    answer(request, { ...base, signOut: [] });
    render(<OptionsApp />);
    expect((await screen.findByText(/Connected to/)).textContent).toContain('sandbox as Sam Rivera');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('Not connected to Kustomer.')).toBeTruthy();
  });

  it('lists several organisations, signs out of one and sets a site default organisation', async () => {
    const brightwave = connectedStatus({ orgName: 'brightwave' });
    const second = { ...brightwave, id: 'org-bright' as const, label: 'Brightwave', colour: 'orange' as const };
    const both = [connectedStatus(), second];
    answer(request, {
      ...base,
      getConnections: both,
      signOut: [second],
      updateSettings: (input: { patch: { siteDefaultOrg: { origin: string; connectionId: 'org-bright' } } }) => ({
        ...SETTINGS,
        siteDefaultOrgs: { [input.patch.siteDefaultOrg.origin]: input.patch.siteDefaultOrg.connectionId },
      }),
    });
    render(<OptionsApp />);
    const list = await screen.findByRole('list', { name: 'Connected organisations' });
    expect(list.textContent).toContain('Brightwave');
    const site = (await screen.findByRole('combobox', {
      name: 'Organisation for https://mail.example.com',
    })) as HTMLSelectElement;
    fireEvent.change(site, { target: { value: 'org-bright' } });
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith('updateSettings', {
        patch: { siteDefaultOrg: { origin: 'https://mail.example.com', connectionId: 'org-bright' } },
      }),
    );
    await waitFor(() => expect(site.value).toBe('org-bright'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out of sandbox' }));
    expect(await screen.findByText('Signed out of sandbox. The other organisations stay connected.')).toBeTruthy();
    expect(request).toHaveBeenCalledWith('signOut', { connectionId: 'org-0' });
    // One organisation left: its summary, as for a single-organisation agent.
    expect((await screen.findByText(/Connected to/)).textContent).toContain('brightwave as Sam Rivera');
  });

  it('offers the connect form when not connected', async () => {
    answer(request, { ...base, getConnections: [] });
    render(<OptionsApp />);
    expect(await screen.findByRole('button', { name: 'Connect to Kustomer' })).toBeTruthy();
  });

  it('adds a site after Chrome grants it, and removes one', async () => {
    vi.mocked(requestSitePermission).mockResolvedValue(true);
    answer(request, {
      ...base,
      enableSite: { ...SETTINGS, enabledSites: [...SETTINGS.enabledSites, 'https://crm.example.org'] },
      disableSite: { ...SETTINGS, enabledSites: [] },
    });
    render(<OptionsApp />);
    fireEvent.input(await screen.findByLabelText('Site address'), { target: { value: 'crm.example.org/some/page' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(requestSitePermission).toHaveBeenCalledWith('https://crm.example.org');
    expect(await screen.findByText('https://crm.example.org')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove https://mail.example.com' }));
    expect(await screen.findByText(/Detection runs on no site yet/)).toBeTruthy();
  });

  it('flags a site whose access was revoked in Chrome and grants it again', async () => {
    vi.mocked(hasSitePermission).mockResolvedValue(false);
    vi.mocked(requestSitePermission).mockResolvedValue(true);
    answer(request, base);
    render(<OptionsApp />);
    expect(await screen.findByText('No access')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Grant access to https://mail.example.com' }));
    expect(requestSitePermission).toHaveBeenCalledWith('https://mail.example.com');
    await waitFor(() => expect(screen.queryByText('No access')).toBeNull());
  });

  it('saves the custom attribute search also matches (issue 17, search by order number)', async () => {
    answer(request, { ...base, updateSettings: { ...SETTINGS, searchAttribute: 'lastOrderNumberStr' } });
    render(<OptionsApp />);
    fireEvent.input(await screen.findByLabelText('Also search by this customer attribute'), {
      target: { value: ' lastOrderNumberStr ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save search attribute' }));
    expect(await screen.findByText('Search also matches lastOrderNumberStr.')).toBeTruthy();
    expect(request).toHaveBeenCalledWith('updateSettings', { patch: { searchAttribute: 'lastOrderNumberStr' } });
  });

  it('shows when the settings cannot be read, with a retry', async () => {
    answer(request, { ...base, getSettings: fails({ kind: 'internal', message: 'Storage is unavailable.' }) });
    render(<OptionsApp />);
    expect((await screen.findByRole('alert')).textContent).toContain('Storage is unavailable.');
    answer(request, base);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByLabelText('Site address')).toBeTruthy();
  });

  it('saves the never-look-up domains, pauses detection and clears the cache', async () => {
    answer(request, {
      ...base,
      updateSettings: (input: { patch: Partial<Settings> }) => ({ ...SETTINGS, ...input.patch }),
      clearCache: undefined,
    });
    render(<OptionsApp />);
    const domains = (await screen.findByLabelText('Domains (one per line)')) as HTMLTextAreaElement;
    expect(domains.value).toBe('acme.com');
    fireEvent.input(domains, { target: { value: 'acme.com\nACME.org, acme.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save domains' }));
    expect(await screen.findByText('Domains saved.')).toBeTruthy();
    expect(request).toHaveBeenCalledWith('updateSettings', { patch: { neverLookUpDomains: ['acme.com', 'acme.org'] } });
    fireEvent.click(screen.getByRole('switch', { name: 'Pause detection everywhere' }));
    expect(await screen.findByText('Detection paused.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear cache' }));
    expect(await screen.findByText(/Cache cleared/)).toBeTruthy();
  });
});

it.each([
  ['acme.com', ['acme.com']],
  [' Acme.COM ,x.org;\n\nx.org ', ['acme.com', 'x.org']],
  ['', []],
])('reads the domains typed as %j', (text, expected) => {
  expect(parseDomains(text)).toEqual(expected);
});
