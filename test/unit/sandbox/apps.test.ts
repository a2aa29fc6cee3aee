import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { api, one } from './api';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const DEFINITION = {
  app: 'kustomer_sidebar',
  version: '1.0.0',
  title: 'Kustomer Sidebar',
  visibility: 'private',
  redirectUris: [REDIRECT],
};

const register = (body: unknown = DEFINITION, key = sandbox.keys.appsAdmin) =>
  api(sandbox, 'POST', '/v1/apps/available', { key, body });
const install = (body: unknown = { app: DEFINITION.app, version: DEFINITION.version }) =>
  api(sandbox, 'POST', '/v1/apps/install', { key: sandbox.keys.appsAdmin, body });

/** The status and page of a GET /oauth/authorize for a client and redirect URI. */
async function authorize(clientId: string, redirectUri = REDIRECT) {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state: 's',
    code_challenge: 'A'.repeat(43),
    code_challenge_method: 'S256',
  });
  const answer = await fetch(`${sandbox.url}/oauth/authorize?${params}`, { redirect: 'manual' });
  return { status: answer.status, page: await answer.text() };
}

describe('apps platform', () => {
  it('registers an app definition and answers its client ID', async () => {
    const answer = await register();
    expect(answer.status).toBe(201);
    const app = one(answer);
    expect(app).toMatchObject({
      type: 'app',
      id: 'kustomer_sidebar-1.0.0',
      attributes: { app: 'kustomer_sidebar', redirectUris: [REDIRECT], installed: false },
    });
    expect(app.attributes.clientId).toMatch(/^[0-9a-f]{24}$/);
    const again = await api(sandbox, 'GET', '/v1/apps/available/kustomer_sidebar-1.0.0', {
      key: sandbox.keys.appsAdmin,
    });
    expect(one(again).attributes.clientId).toBe(app.attributes.clientId);
  });

  it('needs the apps admin role, a name, a semver version and https redirect URIs', async () => {
    expect((await register(DEFINITION, sandbox.keys.full)).status).toBe(403);
    expect((await register({ ...DEFINITION, app: 'Not A Name' })).status).toBe(400);
    expect((await register({ ...DEFINITION, version: 'one' })).status).toBe(400);
    expect((await register({ ...DEFINITION, redirectUris: ['http://evil.example/'] })).status).toBe(400);
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(409);
  });

  it('refuses sign-in with "Invalid Client" until the app is installed in the org', async () => {
    const clientId = String(one(await register()).attributes.clientId);
    const before = await authorize(clientId);
    expect(before.status).toBe(400);
    expect(before.page).toContain('Invalid Client');
    expect((await install()).status).toBe(200);
    expect((await authorize(clientId)).status).toBe(200);
  });

  it('refuses a redirect URI the installed version does not list, and a new version can add it', async () => {
    const clientId = String(one(await register()).attributes.clientId);
    await install();
    const firefox = 'https://0123456789abcdef.extensions.allizom.org/';
    const mismatch = await authorize(clientId, firefox);
    expect(mismatch.status).toBe(400);
    expect(mismatch.page).toContain('Invalid redirect URI');
    const next = one(await register({ ...DEFINITION, version: '1.1.0', redirectUris: [REDIRECT, firefox] }));
    expect(next.attributes.clientId).toBe(clientId);
    expect((await authorize(clientId, firefox)).status).toBe(400);
    await install({ app: DEFINITION.app, version: '1.1.0' });
    expect((await authorize(clientId, firefox)).status).toBe(200);
  });

  it('installs only a registered version, and reset() forgets every app', async () => {
    expect((await install({ app: 'kustomer_sidebar', version: '9.9.9' })).status).toBe(404);
    const clientId = String(one(await register()).attributes.clientId);
    await install();
    sandbox.reset();
    expect((await authorize(clientId)).status).toBe(400);
  });

  it('reports the apps routes as not covered by the spec, never as off-spec', async () => {
    await register();
    await install();
    const report = sandbox.conformance();
    // Grouped by their first two segments, as every uncovered route is (test/sandbox/conformance.ts).
    expect(report.notCovered).toContain('POST /v1/apps');
    expect(report.operationsCovered.some((operation) => /app/i.test(operation))).toBe(false);
    expect(report.offSpecRequests).toEqual([]);
    expect(report.offSpecAnswers).toEqual([]);
  });
});
