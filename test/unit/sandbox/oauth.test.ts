import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { AGENT, DEFAULT_OAUTH_CLIENT } from '../../sandbox/fixtures';
import { api, one } from './api';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    oauthClients: [
      { ...DEFAULT_OAUTH_CLIENT, redirectUris: [...DEFAULT_OAUTH_CLIENT.redirectUris] },
      { clientId: 'not-installed', redirectUris: ['https://example.test/cb'], installed: false },
      { clientId: 'confidential', clientSecret: 's3cret', redirectUris: ['https://example.test/cb'] },
    ],
  });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const REDIRECT = DEFAULT_OAUTH_CLIENT.redirectUris[0];
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXkdBjftJeZ4CVP';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

function authorizeUrl(overrides: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: DEFAULT_OAUTH_CLIENT.clientId,
    redirect_uri: REDIRECT,
    state: 'xyz-state',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    scope: 'org.permission.customer.read offline_access',
    ...overrides,
  });
  return `${sandbox.url}/oauth/authorize?${params}`;
}

/** Loads the consent page and presses Allow (the page's form fields, posted like a browser would). */
async function allow(overrides: Record<string, string> = {}): Promise<URL> {
  const page = await fetch(authorizeUrl(overrides));
  const html = await page.text();
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields.set(match[1] ?? '', match[2] ?? '');
  fields.set('decision', 'allow');
  const response = await fetch(`${sandbox.url}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields,
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

async function token(params: Record<string, string>) {
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: response.status, json: (await response.json()) as Record<string, string | number> };
}

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: DEFAULT_OAUTH_CLIENT.clientId,
    code_verifier: VERIFIER,
    ...overrides,
  });

describe('OAuth authorization code with PKCE', () => {
  it('shows an accessible consent page with a real form and no script', async () => {
    const response = await fetch(authorizeUrl());
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<form method="post" action="\/oauth\/authorize">/);
    expect(html).toMatch(/<button type="submit" name="decision" value="allow">Allow<\/button>/);
    expect(html).not.toContain('<script');
  });

  it('redirects with code and state, exchanges the code, and the token works like an API key', async () => {
    const location = await allow();
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz-state');
    const code = location.searchParams.get('code') ?? '';
    const result = await exchange(code);
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ token_type: 'Bearer', expires_in: 86_400 });
    const me = await api(sandbox, 'GET', '/v1/users/current', { key: String(result.json.access_token) });
    expect(one(me).id).toBe(AGENT.id);
  });

  it('also accepts a JSON token request', async () => {
    const code = (await allow()).searchParams.get('code') ?? '';
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: DEFAULT_OAUTH_CLIENT.clientId,
        code_verifier: VERIFIER,
      }),
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['a wrong verifier', { code_verifier: 'wrong-verifier-wrong-verifier-wrong-verifier-123' }, 'PKCE'],
    ['another redirect_uri', { redirect_uri: 'https://evil.example/' }, 'redirect_uri'],
  ])('refuses %s with invalid_grant', async (_, overrides, hint) => {
    const code = (await allow()).searchParams.get('code') ?? '';
    const result = await exchange(code, overrides);
    expect(result.status).toBe(400);
    expect(result.json.error).toBe('invalid_grant');
    expect(String(result.json.error_description)).toContain(hint);
  });

  it('refuses a reused code and revokes the token issued from it', async () => {
    const code = (await allow()).searchParams.get('code') ?? '';
    const first = await exchange(code);
    const second = await exchange(code);
    expect(second.status).toBe(400);
    expect(second.json.error).toBe('invalid_grant');
    expect((await api(sandbox, 'GET', '/v1/users/current', { key: String(first.json.access_token) })).status).toBe(401);
  });

  it('redirects with access_denied when the agent presses Deny', async () => {
    const fields = new URLSearchParams({
      response_type: 'code',
      client_id: DEFAULT_OAUTH_CLIENT.clientId,
      redirect_uri: REDIRECT,
      state: 's',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      decision: 'deny',
    });
    const response = await fetch(`${sandbox.url}/oauth/authorize`, {
      method: 'POST',
      body: fields,
      redirect: 'manual',
    });
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });

  it.each([
    ['an unknown client', { client_id: 'who-knows' }, 'Invalid Client'],
    [
      'a client not installed in the org',
      { client_id: 'not-installed', redirect_uri: 'https://example.test/cb' },
      'Invalid Client',
    ],
    ['an unregistered redirect_uri', { redirect_uri: 'https://evil.example/' }, 'Invalid redirect URI'],
  ])('answers %s with 400 and no redirect', async (_, overrides, text) => {
    const response = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(text);
  });

  it('redirects back with invalid_request when PKCE is missing', async () => {
    const response = await fetch(authorizeUrl({ code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });

  it('rotates refresh tokens', async () => {
    const issued = await exchange((await allow()).searchParams.get('code') ?? '');
    const refresh = {
      grant_type: 'refresh_token',
      client_id: DEFAULT_OAUTH_CLIENT.clientId,
      refresh_token: String(issued.json.refresh_token),
    };
    const rotated = await token(refresh);
    expect(rotated.status).toBe(200);
    expect(rotated.json.refresh_token).not.toBe(issued.json.refresh_token);
    expect((await token(refresh)).json.error).toBe('invalid_grant');
    expect((await api(sandbox, 'GET', '/v1/customers', { key: String(rotated.json.access_token) })).status).toBe(200);
  });

  it('makes every access token answer 401 "Token expired" after expire-tokens', async () => {
    const issued = await exchange((await allow()).searchParams.get('code') ?? '');
    const key = String(issued.json.access_token);
    expect((await fetch(`${sandbox.url}/__sandbox/expire-tokens`, { method: 'POST' })).status).toBe(200);
    const response = await api(sandbox, 'GET', '/v1/customers', { key });
    expect(response.status).toBe(401);
    expect(response.json.errors?.[0]?.message).toBe('Token expired');
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: DEFAULT_OAUTH_CLIENT.clientId,
      refresh_token: String(issued.json.refresh_token),
    });
    expect((await api(sandbox, 'GET', '/v1/customers', { key: String(refreshed.json.access_token) })).status).toBe(200);
  });

  it('requires the secret of a confidential client', async () => {
    const result = await token({ grant_type: 'refresh_token', client_id: 'confidential', refresh_token: 'x' });
    expect(result.status).toBe(401);
    expect(result.json.error).toBe('invalid_client');
  });
});
