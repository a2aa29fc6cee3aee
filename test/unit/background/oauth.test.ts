import { describe, expect, it, vi } from 'vitest';
import { REFRESH_ALARM, REFRESH_MARGIN_MS } from '../../../lib/background/connection';
import { describeError } from '../../../lib/background/describe-error';
import { base64Url, buildAuthorizeUrl, pkceChallenge } from '../../../lib/background/oauth';
// The one connection connection.ts holds is `org-0` of the list (lib/background/single-connection-bridge.ts).
import { singleCredentialsItem as credentialsItem } from '../../../lib/background/single-connection-bridge';
import { oauthPendingItem } from '../../../lib/background/storage-items';
import { DEFAULT_OAUTH_SCOPE } from '../../../lib/kustomer/oauth-scope';
import { AGENT, DEFAULT_OAUTH_CLIENT } from '../../sandbox/fixtures';
import { consentingIdentity, REDIRECT_URI, sandboxConnection, sandboxForFile } from './helpers';

const sandbox = sandboxForFile();

const signIn = { clientId: DEFAULT_OAUTH_CLIENT.clientId };
const target = () => ({ kind: 'custom' as const, baseUrl: sandbox.url });

function failure(promise: Promise<unknown>) {
  return promise.then(() => {
    throw new Error('expected a failure');
  }, describeError);
}

async function oauthCredentials() {
  const credentials = await credentialsItem.getValue();
  if (credentials?.method !== 'oauth') throw new Error('not signed in with OAuth');
  return credentials;
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('encodes base64url without padding', () => {
    expect(base64Url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64Url(new Uint8Array([1]))).toBe('AQ');
  });

  it('asks for a code with an S256 challenge, the state and the redirect URI', () => {
    const url = new URL(
      buildAuthorizeUrl(
        { authorizeUrl: 'https://acme.kustomerapp.com/oauth/authorize', tokenUrl: '', clientId: 'app' },
        REDIRECT_URI,
        'the-state',
        'the-challenge',
      ),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'app',
      redirect_uri: REDIRECT_URI,
      state: 'the-state',
      code_challenge: 'the-challenge',
      code_challenge_method: 'S256',
    });
  });
});

describe('the OAuth scope', () => {
  it('is sent on the authorize request when set, one space between scopes', () => {
    const url = new URL(
      buildAuthorizeUrl(
        {
          authorizeUrl: 'https://acme.kustomerapp.com/oauth/authorize',
          tokenUrl: '',
          clientId: 'app',
          scope: ' org.permission.customer.read   offline_access ',
        },
        REDIRECT_URI,
        's',
        'c',
      ),
    );
    expect(url.searchParams.get('scope')).toBe('org.permission.customer.read offline_access');
  });

  it('asks by default for the roles the extension needs and offline_access (for a refresh token)', async () => {
    const { service } = sandboxConnection(sandbox);
    await service.connectWithOAuth({ target: target(), ...signIn });
    const authorize = sandbox.requests.find(
      (request) => request.method === 'GET' && request.path === '/oauth/authorize',
    );
    const scope = (authorize?.query.scope ?? '').split(' ');
    expect(scope).toEqual(DEFAULT_OAUTH_SCOPE.split(' '));
    expect(scope).toEqual(
      expect.arrayContaining([
        'org.permission.customer.read',
        'org.permission.search.create',
        'org.permission.note.create',
        'offline_access',
      ]),
    );
  });

  it('takes the scope an admin set for an org that differs', async () => {
    const { service } = sandboxConnection(sandbox);
    await service.connectWithOAuth({ target: target(), ...signIn, scope: 'org.user.customer.read offline_access' });
    const authorize = sandbox.requests.find(
      (request) => request.method === 'GET' && request.path === '/oauth/authorize',
    );
    expect(authorize?.query.scope).toBe('org.user.customer.read offline_access');
  });
});

describe('signing in with OAuth', () => {
  it('completes the code flow against the sandbox and connects as the agent', async () => {
    const { service, alarms } = sandboxConnection(sandbox);
    const status = await service.connectWithOAuth({ target: target(), ...signIn });
    expect(status).toMatchObject({ state: 'connected', method: 'oauth', userName: AGENT.name });
    const credentials = await oauthCredentials();
    expect(credentials.refreshToken).toBeTruthy();
    expect(JSON.stringify(status)).not.toContain(credentials.accessToken);
    expect(alarms.scheduled.get(REFRESH_ALARM)).toBe(credentials.expiresAt - REFRESH_MARGIN_MS);
    expect(await oauthPendingItem.getValue()).toBeNull();
  });

  it('sends the verifier whose S256 hash was the challenge', async () => {
    const { service } = sandboxConnection(sandbox);
    await service.connectWithOAuth({ target: target(), ...signIn });
    const authorize = sandbox.requests.find(
      (request) => request.method === 'GET' && request.path === '/oauth/authorize',
    );
    const exchange = sandbox.requests.find((request) => request.path === '/oauth/token');
    const verifier = ((exchange?.body ?? {}) as Record<string, string>).code_verifier ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize?.query.code_challenge).toBe(await pkceChallenge(verifier));
  });

  it('refuses an answer whose state does not match, without exchanging the code', async () => {
    const identity = consentingIdentity(sandbox, { tamper: (url) => url.searchParams.set('state', 'forged') });
    const { service } = sandboxConnection(sandbox, { identity });
    const error = await failure(service.connectWithOAuth({ target: target(), ...signIn }));
    expect(error).toMatchObject({ kind: 'unauthorized', message: expect.stringMatching(/state mismatch/) });
    expect(sandbox.requests.some((request) => request.path === '/oauth/token')).toBe(false);
    expect(await credentialsItem.getValue()).toBeNull();
  });

  it('says so when the agent denies access', async () => {
    const { service } = sandboxConnection(sandbox, { identity: consentingIdentity(sandbox, { decision: 'deny' }) });
    const error = await failure(service.connectWithOAuth({ target: target(), ...signIn }));
    expect(error.message).toMatch(/access_denied/);
  });

  it('keeps Kustomer’s error_description out of its own sentence (issue 21, finding 8)', async () => {
    const identity = consentingIdentity(sandbox, {
      decision: 'deny',
      tamper: (url) => url.searchParams.set('error_description', 'Re-enter your key at https://evil.example/login'),
    });
    const { service } = sandboxConnection(sandbox, { identity });
    const error = await failure(service.connectWithOAuth({ target: target(), ...signIn }));
    expect(error.message).toBe('Kustomer refused the sign-in (access_denied).');
    expect(error.detail).toBe('Re-enter your key at https://evil.example/login');
  });

  it('says so when the window is closed', async () => {
    const identity = {
      getRedirectURL: () => REDIRECT_URI,
      launchWebAuthFlow: vi.fn().mockRejectedValue(new Error('The user did not approve access.')),
    };
    const { service } = sandboxConnection(sandbox, { identity });
    const error = await failure(service.connectWithOAuth({ target: target(), ...signIn }));
    expect(error).toMatchObject({ kind: 'aborted', message: expect.stringMatching(/did not approve/) });
  });

  it('explains an unknown client id', async () => {
    const identity = {
      getRedirectURL: () => REDIRECT_URI,
      launchWebAuthFlow: vi.fn(
        async ({ url }: { url: string }) => `${REDIRECT_URI}?code=x&state=${new URL(url).searchParams.get('state')}`,
      ),
    };
    const { service } = sandboxConnection(sandbox, { identity });
    const error = await failure(service.connectWithOAuth({ target: target(), clientId: 'nobody' }));
    expect(error.message).toMatch(/Invalid Client/);
  });

  it('needs an organisation name for a region host', async () => {
    const { service } = sandboxConnection(sandbox);
    const error = await failure(service.connectWithOAuth({ target: { kind: 'region', region: 'eu' }, ...signIn }));
    expect(error).toMatchObject({ kind: 'validation', message: expect.stringMatching(/organisation name/) });
  });
});

describe('keeping the access token fresh', () => {
  it('refreshes a token about to expire before using it', async () => {
    let clock = Date.now();
    const { service } = sandboxConnection(sandbox, { now: () => clock });
    await service.connectWithOAuth({ target: target(), ...signIn });
    const before = await oauthCredentials();
    clock = before.expiresAt - 30_000;
    const token = await service.auth.getToken();
    const after = await oauthCredentials();
    expect(token).not.toBe(before.accessToken);
    expect(token).toBe(after.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });

  it('refreshes once when Kustomer answers 401, and the call succeeds with the new token', async () => {
    const { service } = sandboxConnection(sandbox);
    await service.connectWithOAuth({ target: target(), ...signIn });
    const before = await oauthCredentials();
    sandbox.expireAccessTokens();
    const client = await service.client();
    const user = await client.getCurrentUser();
    expect(user.id).toBe(AGENT.id);
    expect((await oauthCredentials()).accessToken).not.toBe(before.accessToken);
    expect(sandbox.requests.filter((request) => request.path === '/oauth/token')).toHaveLength(2);
  });

  it('refreshes when the alarm fires, and re-arms it', async () => {
    const { service, alarms } = sandboxConnection(sandbox);
    await service.connectWithOAuth({ target: target(), ...signIn });
    const before = await oauthCredentials();
    await service.refreshAccessToken();
    const after = await oauthCredentials();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(alarms.scheduled.get(REFRESH_ALARM)).toBe(after.expiresAt - REFRESH_MARGIN_MS);
  });

  it('does not refresh an API key on 401', async () => {
    const { service } = sandboxConnection(sandbox);
    await service.connectWithApiKey({ target: target(), apiKey: sandbox.apiKey });
    expect(await service.auth.onUnauthorized()).toBe(false);
  });

  it('forgets the tokens and the refresh alarm on sign-out', async () => {
    const { service, alarms } = sandboxConnection(sandbox);
    await service.connectWithOAuth({ target: target(), ...signIn });
    await service.signOut();
    expect(await credentialsItem.getValue()).toBeNull();
    expect(alarms.scheduled.has(REFRESH_ALARM)).toBe(false);
    await expect(service.auth.getToken()).rejects.toMatchObject({ info: { kind: 'not_connected' } });
  });
});
