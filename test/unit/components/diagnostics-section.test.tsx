// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticsSection } from '../../../components/diagnostics-section';
import { request } from '../../../lib/messaging/client';
import type { ConnectionStatus, DiagnosticEvent, Settings } from '../../../lib/messaging/model';
import { browserVersion } from '../../../lib/ui/diagnostics-report';
import { answer } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

const EVENTS: DiagnosticEvent[] = [
  {
    at: Date.UTC(2026, 11, 1, 20, 0),
    area: 'menus',
    operation: 'create',
    kind: 'exception',
    message: 'Error: duplicate id',
  },
  {
    at: Date.UTC(2026, 11, 1, 20, 5),
    area: 'outbox',
    operation: 'send createNote',
    kind: 'server',
    status: 500,
    host: '127.0.0.1:4010',
    message: 'Kustomer had a problem (500). Try again in a moment.',
    count: 3,
  },
];
const CONNECTION: ConnectionStatus = {
  state: 'connected',
  method: 'apiKey',
  target: { kind: 'org', org: 'acme-secret-org' },
  baseUrl: 'https://acme-secret-org.api.kustomerapp.com',
  appUrl: 'https://acme-secret-org.kustomerapp.com',
  orgName: 'acme-secret-org',
  userName: 'Sam Rivera',
  userEmail: 'sam.rivera@acme.example',
};
const SETTINGS: Settings = {
  neverLookUpDomains: ['acme.example'],
  paused: false,
  enabledSites: ['https://mail.internal.example'],
  oauthClientId: 'kustomer-sidebar',
};

let copied: string[] = [];
beforeEach(() => {
  copied = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async (text: string) => void copied.push(text)) },
  });
});

describe('the Diagnostics section', () => {
  it('lists the recent failures newest first, with kind, status and message', async () => {
    answer(request, { getDiagnostics: EVENTS });
    render(<DiagnosticsSection connection={CONNECTION} settings={SETTINGS} />);
    const list = await screen.findByRole('list', { name: 'Recent failures' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('strong')?.textContent)).toEqual([
      'outbox · send createNote',
      'menus · create',
    ]);
    expect(items[0]?.textContent).toContain('server');
    expect(items[0]?.textContent).toContain('HTTP 500');
    expect(items[0]?.textContent).toContain('3 times');
    expect(items[0]?.textContent).toContain('Kustomer had a problem (500).');
    expect(screen.getByRole('heading', { name: 'Diagnostics' })).toBeTruthy();
  });

  it('copies a report with versions, the connection kind and settings, without names, sites or addresses', async () => {
    answer(request, { getDiagnostics: EVENTS });
    render(<DiagnosticsSection connection={CONNECTION} settings={SETTINGS} />);
    await screen.findByRole('list', { name: 'Recent failures' });
    fireEvent.click(screen.getByRole('button', { name: 'Copy report' }));
    expect(await screen.findByText(/Report copied/)).toBeTruthy();
    const report = copied[0] ?? '';
    expect(report).toContain('Extension: ');
    expect(report).toContain(`Browser: ${browserVersion(navigator.userAgent)}`);
    expect(report).toContain('Connection: connected, apiKey, org host');
    expect(report).toContain('Settings: detection on, 1 enabled site(s), 1 never-look-up domain(s), OAuth client set');
    expect(report).toContain(
      '2026-12-01T20:05:00.000Z | outbox | send createNote | server | 500 | 127.0.0.1:4010 | ×3',
    );
    for (const secret of ['acme-secret-org', 'Sam Rivera', 'sam.rivera', 'mail.internal.example', 'acme.example']) {
      expect(report).not.toContain(secret);
    }
    expect((screen.getByLabelText('Report') as HTMLTextAreaElement).value).toBe(report);
  });

  it('clears the log', async () => {
    let stored = EVENTS;
    answer(request, {
      getDiagnostics: () => stored,
      clearDiagnostics: () => {
        stored = [];
        return undefined;
      },
    });
    render(<DiagnosticsSection connection={CONNECTION} settings={SETTINGS} />);
    await screen.findByRole('list', { name: 'Recent failures' });
    fireEvent.click(screen.getByRole('button', { name: 'Clear diagnostics' }));
    expect(await screen.findByText('No failures recorded.')).toBeTruthy();
    expect(screen.getByText('Diagnostics cleared.')).toBeTruthy();
    expect(request).toHaveBeenCalledWith('clearDiagnostics');
  });

  it('shows new failures on Refresh', async () => {
    let stored: DiagnosticEvent[] = [];
    answer(request, { getDiagnostics: () => stored });
    render(<DiagnosticsSection connection={null} settings={null} />);
    await screen.findByText('No failures recorded.');
    stored = EVENTS;
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
  });
});

describe('browserVersion', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36',
      'Chrome 131.0.6778.85',
    ],
    [
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      'Edge 120.0.2210.91',
    ],
    ['curl/8', 'unknown browser'],
  ])('reads %s', (userAgent, version) => {
    expect(browserVersion(userAgent)).toBe(version);
  });
});
