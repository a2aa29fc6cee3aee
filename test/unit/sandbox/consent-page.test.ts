// @vitest-environment happy-dom
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { DEFAULT_OAUTH_CLIENT } from '../../sandbox/fixtures';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('OAuth consent page', () => {
  it('has no axe violations', async () => {
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: DEFAULT_OAUTH_CLIENT.clientId,
      redirect_uri: DEFAULT_OAUTH_CLIENT.redirectUris[0],
      state: 's',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const html = await (await fetch(`${sandbox.url}/oauth/authorize?${params}`)).text();
    document.open();
    document.write(html);
    document.close();
    const results = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.passes.length).toBeGreaterThan(5);
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    expect(document.querySelector('main h1')?.textContent).toContain(DEFAULT_OAUTH_CLIENT.clientId);
  });
});
