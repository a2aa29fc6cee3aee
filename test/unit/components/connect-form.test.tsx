// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ConnectForm, ConnectionSummary } from '../../../components/connect-form';
import { DEFAULT_OAUTH_SCOPE } from '../../../lib/kustomer/oauth-scope';
import { request } from '../../../lib/messaging/client';
import { connectedStatus, failingStatus } from './fixtures';
import { answer, fails, never } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));
vi.mock('../../../lib/ui/oauth-app', async (original) => ({
  ...(await original<typeof import('../../../lib/ui/oauth-app')>()),
  buildRedirectUrl: () => REDIRECT_URL,
}));

const REDIRECT_URL = 'https://jndjnofdpedebllphnccggnmpbpmmije.chromiumapp.org/';
/** The check before the auth window, answering as Kustomer would for a client that works. */
const clientWorks = () => vi.fn(async () => null);

const CONNECTED = connectedStatus();

describe('Connect', () => {
  it('connects with an API key to a custom base URL', async () => {
    answer(request, { connectWithApiKey: CONNECTED });
    const onConnected = vi.fn();
    render(<ConnectForm onConnected={onConnected} />);
    fireEvent.change(screen.getByLabelText('Where is your Kustomer?'), { target: { value: 'custom' } });
    fireEvent.input(screen.getByLabelText('API base URL'), { target: { value: 'http://127.0.0.1:4010' } });
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: ' key-123 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Kustomer' }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledWith(CONNECTED));
    expect(request).toHaveBeenCalledWith('connectWithApiKey', {
      target: { kind: 'custom', baseUrl: 'http://127.0.0.1:4010' },
      apiKey: 'key-123',
    });
  });

  it('shows that it is connecting and blocks a second click', async () => {
    answer(request, { connectWithApiKey: never });
    render(<ConnectForm />);
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Kustomer' }));
    expect((await screen.findByRole('button', { name: 'Connecting…' })).hasAttribute('disabled')).toBe(true);
  });

  it('asks for a key before calling the background', async () => {
    answer(request, {});
    render(<ConnectForm />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Kustomer' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Enter an API key.');
    expect(request).not.toHaveBeenCalled();
  });

  it.each(['unauthorized', 'forbidden', 'network'] as const)(
    'says what the background said about a %s failure, once',
    async (kind) => {
      answer(request, { connectWithApiKey: fails({ kind, message: `background says ${kind}` }) });
      render(<ConnectForm />);
      fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'key' } });
      fireEvent.click(screen.getByRole('button', { name: 'Connect to Kustomer' }));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toBe(`Could not connect${`background says ${kind}`}`);
    },
  );

  it('names a missing API instead of a missing record', async () => {
    answer(request, { connectWithApiKey: fails({ kind: 'not_found', message: 'Kustomer has no such record.' }) });
    render(<ConnectForm />);
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Kustomer' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('There is no Kustomer API at this address.');
    expect(alert.textContent).not.toContain('record');
  });

  it.each([
    'https://acme.kustomerapp.com',
    'https://acme.kustomerapp.com/app/customers/5f1a',
    'acme.kustomerapp.com',
    'https://acme.api.kustomerapp.com/v1',
    ' ACME.kustomerapp.com ',
  ])('trims a pasted %s to the organisation', async (pasted) => {
    answer(request, { connectWithApiKey: CONNECTED });
    render(<ConnectForm />);
    fireEvent.change(screen.getByLabelText('Where is your Kustomer?'), { target: { value: 'org' } });
    const field = screen.getByLabelText('Organisation') as HTMLInputElement;
    fireEvent.input(field, { target: { value: pasted } });
    expect(field.value).toBe('acme');
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Kustomer' }));
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith('connectWithApiKey', {
        target: { kind: 'org', org: 'acme' },
        apiKey: 'key',
      }),
    );
  });

  it('shows why a saved connection stopped working in its one notice', () => {
    render(<ConnectForm status={failingStatus({ kind: 'unauthorized', message: 'Your Kustomer key has expired.' })} />);
    expect(screen.getAllByText('Your Kustomer key has expired.')).toHaveLength(1);
  });

  it('signs in with Kustomer for an organisation', async () => {
    answer(request, { connectWithOAuth: { ...CONNECTED, method: 'oauth' } });
    render(<ConnectForm oauthClientId="client-9" checkClient={clientWorks()} />);
    fireEvent.change(screen.getByLabelText('Where is your Kustomer?'), { target: { value: 'org' } });
    fireEvent.input(screen.getByLabelText('Organisation'), { target: { value: 'acme' } });
    fireEvent.click(screen.getByLabelText('Sign in with Kustomer'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Kustomer' }));
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith('connectWithOAuth', {
        target: { kind: 'org', org: 'acme' },
        clientId: 'client-9',
        scope: DEFAULT_OAUTH_SCOPE,
      }),
    );
  });

  it('lets an admin change the OAuth scope for an org whose app differs', async () => {
    answer(request, { connectWithOAuth: { ...CONNECTED, method: 'oauth' } });
    render(<ConnectForm oauthClientId="client-9" checkClient={clientWorks()} />);
    fireEvent.change(screen.getByLabelText('Where is your Kustomer?'), { target: { value: 'org' } });
    fireEvent.input(screen.getByLabelText('Organisation'), { target: { value: 'acme' } });
    fireEvent.click(screen.getByLabelText('Sign in with Kustomer'));
    fireEvent.input(screen.getByLabelText('OAuth scope'), {
      target: { value: ' org.user.customer.read offline_access ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Kustomer' }));
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith('connectWithOAuth', {
        target: { kind: 'org', org: 'acme' },
        clientId: 'client-9',
        scope: 'org.user.customer.read offline_access',
      }),
    );
  });

  it('prefills no client ID, and asks for one before asking Kustomer anything', async () => {
    answer(request, {});
    const checkClient = clientWorks();
    render(<ConnectForm checkClient={checkClient} />);
    fireEvent.click(screen.getByLabelText('Sign in with Kustomer'));
    expect((screen.getByLabelText('OAuth client ID') as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Kustomer' }));
    expect((await screen.findByRole('alert')).textContent).toContain("Enter your organisation's OAuth client ID");
    expect(checkClient).not.toHaveBeenCalled();
    expect(request).not.toHaveBeenCalled();
  });

  it.each([
    ['not_installed', 'the sidebar’s app is not installed in this organisation'],
    ['redirect_not_registered', "it is not in the app's redirectUris"],
  ] as const)('checks the client before the auth window opens and explains %s', async (problem, sentence) => {
    answer(request, { connectWithOAuth: never });
    const checkClient = vi.fn(async () => problem);
    render(<ConnectForm oauthClientId="app-1" checkClient={checkClient} />);
    fireEvent.change(screen.getByLabelText('Where is your Kustomer?'), { target: { value: 'org' } });
    fireEvent.input(screen.getByLabelText('Organisation'), { target: { value: 'acme' } });
    fireEvent.click(screen.getByLabelText('Sign in with Kustomer'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Kustomer' }));
    expect((await screen.findByRole('alert')).textContent).toContain(sentence);
    expect(checkClient).toHaveBeenCalledWith({
      authorizeUrl: 'https://acme.kustomerapp.com/oauth/authorize',
      clientId: 'app-1',
      redirectUri: REDIRECT_URL,
    });
    expect(request).not.toHaveBeenCalledWith('connectWithOAuth', expect.anything());
  });

  it('explains an "Invalid Client" that Kustomer gives during the sign-in itself', async () => {
    answer(request, {
      connectWithOAuth: fails({
        kind: 'unauthorized',
        message: 'Kustomer does not know this OAuth client (Invalid Client): check the client id.',
      }),
    });
    render(<ConnectForm oauthClientId="app-1" checkClient={clientWorks()} />);
    fireEvent.change(screen.getByLabelText('Where is your Kustomer?'), { target: { value: 'org' } });
    fireEvent.input(screen.getByLabelText('Organisation'), { target: { value: 'acme' } });
    fireEvent.click(screen.getByLabelText('Sign in with Kustomer'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Kustomer' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is not installed in this organisation');
  });

  it('locks the fields an admin pushed through managed storage, so the agent only clicks Sign in', async () => {
    answer(request, { connectWithOAuth: { ...CONNECTED, method: 'oauth' } });
    render(<ConnectForm managed={{ orgName: 'acme', clientId: 'app-1' }} checkClient={clientWorks()} />);
    const place = screen.getByLabelText('Where is your Kustomer?') as HTMLSelectElement;
    expect(place.value).toBe('org');
    expect(place.disabled).toBe(true);
    const org = screen.getByLabelText('Organisation') as HTMLInputElement;
    expect([org.value, org.readOnly]).toEqual(['acme', true]);
    expect((screen.getByLabelText('Sign in with Kustomer') as HTMLInputElement).checked).toBe(true);
    const clientId = screen.getByLabelText('OAuth client ID') as HTMLInputElement;
    expect([clientId.value, clientId.readOnly]).toEqual(['app-1', true]);
    expect(screen.getByText('Set by your organisation’s admin (browser policy).')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Kustomer' }));
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith('connectWithOAuth', {
        target: { kind: 'org', org: 'acme' },
        clientId: 'app-1',
        scope: DEFAULT_OAUTH_SCOPE,
      }),
    );
  });

  it('reads the managed values from the browser and locks a pushed region', async () => {
    const { browser } = await import('wxt/browser');
    vi.spyOn(browser.storage.managed, 'get').mockResolvedValue({ region: 'eu' } as never);
    render(<ConnectForm />);
    await waitFor(() =>
      expect((screen.getByLabelText('Where is your Kustomer?') as HTMLSelectElement).value).toBe('eu'),
    );
    expect((screen.getByLabelText('Where is your Kustomer?') as HTMLSelectElement).disabled).toBe(true);
    expect((screen.getByLabelText('Use an API key') as HTMLInputElement).checked).toBe(true);
  });

  it('tests a working connection and says so', async () => {
    answer(request, { testConnection: CONNECTED });
    render(<ConnectionSummary status={CONNECTED} />);
    expect(screen.getByText(/Connected to/).textContent).toContain('sandbox as Sam Rivera');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByRole('status')).textContent).toBe('The connection works.');
  });

  it('names what a connection lacking roles cannot do', () => {
    const warning = { kind: 'forbidden', message: 'This key cannot add notes (org.permission.note.create).' } as const;
    render(<ConnectionSummary status={connectedStatus({ warning })} />);
    expect(screen.getByText(warning.message)).toBeTruthy();
  });
});
