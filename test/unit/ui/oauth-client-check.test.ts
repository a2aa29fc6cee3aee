import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sidebarAppDefinition, sidebarAppJson } from '../../../lib/ui/oauth-app';
import {
  checkOAuthClient,
  clientIdProblem,
  problemOfRefusal,
  problemOfSignInError,
} from '../../../lib/ui/oauth-client-check';
import { type Sandbox, startSandbox } from '../../sandbox';
import { DEFAULT_OAUTH_CLIENT } from '../../sandbox/fixtures';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const REDIRECT = DEFAULT_OAUTH_CLIENT.redirectUris[0];
const check = (clientId: string, redirectUri: string = REDIRECT) =>
  checkOAuthClient({ authorizeUrl: `${sandbox.url}/oauth/authorize`, clientId, redirectUri });

describe('checking the client ID before the auth window opens', () => {
  it('lets a known, installed client with its redirect URL through, and starts no sign-in', async () => {
    expect(await check(DEFAULT_OAUTH_CLIENT.clientId)).toBeNull();
    const probe = sandbox.requests.find((request) => request.path === '/oauth/authorize');
    expect(probe?.query).toMatchObject({ client_id: DEFAULT_OAUTH_CLIENT.clientId, code_challenge_method: 'S256' });
    expect(sandbox.requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('names an app that is not installed (Invalid Client) and a redirect URL that is not registered', async () => {
    expect(await check('no-such-app')).toBe('not_installed');
    expect(await check(DEFAULT_OAUTH_CLIENT.clientId, 'https://other.chromiumapp.org/')).toBe(
      'redirect_not_registered',
    );
  });

  it('registers through the app definition the options page shows, then passes once installed', async () => {
    const key = { authorization: `Bearer ${sandbox.keys.appsAdmin}`, 'content-type': 'application/json' };
    const redirect = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
    const registered = await fetch(`${sandbox.url}/v1/apps/available`, {
      method: 'POST',
      headers: key,
      body: sidebarAppJson(redirect),
    });
    const clientId = ((await registered.json()) as { data: { attributes: { clientId: string } } }).data.attributes
      .clientId;
    expect(await check(clientId, redirect)).toBe('not_installed');
    const { app, version } = sidebarAppDefinition(redirect);
    await fetch(`${sandbox.url}/v1/apps/install`, {
      method: 'POST',
      headers: key,
      body: JSON.stringify({ app, version }),
    });
    expect(await check(clientId, redirect)).toBeNull();
  });

  it('goes ahead when the endpoint cannot be asked (no answer, a redirect to a sign-in page)', async () => {
    const down = async () => {
      throw new TypeError('Failed to fetch');
    };
    const toLogin = async () => new Response(null, { status: 302, headers: { location: 'https://x/login' } });
    const input = {
      authorizeUrl: 'https://acme.kustomerapp.com/oauth/authorize',
      clientId: 'c',
      redirectUri: REDIRECT,
    };
    expect(await checkOAuthClient({ ...input, fetch: down })).toBeNull();
    expect(await checkOAuthClient({ ...input, fetch: toLogin })).toBeNull();
  });

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['abc def', 'malformed'],
    ['5f1a0ada00000000000001a1', null],
  ])('reads the client ID %j as %s', (clientId, problem) => {
    expect(clientIdProblem(clientId)).toBe(problem);
  });

  it('reads refusals of the authorize page and of the sign-in itself', () => {
    expect(problemOfRefusal('<h1>Invalid Client</h1>')).toBe('not_installed');
    expect(problemOfRefusal('invalid_client')).toBe('not_installed');
    expect(problemOfRefusal('redirect_uri mismatch')).toBe('redirect_not_registered');
    expect(problemOfRefusal('Bad request')).toBe('refused');
    expect(
      problemOfSignInError({
        kind: 'unauthorized',
        message: 'Kustomer does not know this OAuth client (Invalid Client)',
      }),
    ).toBe('not_installed');
    expect(
      problemOfSignInError({
        kind: 'unauthorized',
        message: 'Kustomer refused the sign-in (invalid_request).',
        detail: 'redirect_uri is not registered',
      }),
    ).toBe('redirect_not_registered');
    expect(problemOfSignInError({ kind: 'aborted', message: 'Sign-in with Kustomer was cancelled.' })).toBeNull();
  });
});
