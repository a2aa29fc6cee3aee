import * as v from 'valibot';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLookupService, isNeverLookUp } from '../../../lib/background/lookup';
import { createLookupCache } from '../../../lib/background/lookup-cache';
import { createSettingsService } from '../../../lib/background/settings';
import { DEFAULT_SETTINGS } from '../../../lib/background/storage-items';
import type { Settings } from '../../../lib/messaging/model';
import { settingsPatchSchema } from '../../../lib/messaging/schemas';
import { sandboxConnection, sandboxForFile } from '../background/helpers';

/**
 * Issue 21, finding 6: a never-look-up rule must hold for every spelling of its domain. A page that
 * writes the agent's own domain in fullwidth letters, with a dotless ı, in Unicode or in punycode must
 * not get the address sent to Kustomer.
 */
const sandbox = sandboxForFile();
let settings: Settings;
beforeEach(() => {
  settings = { ...DEFAULT_SETTINGS };
});

async function lookupService() {
  const { service: connection } = sandboxConnection(sandbox);
  await connection.connectWithApiKey({ target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
  sandbox.requests.length = 0;
  return createLookupService({
    connectionId: 'org-0',
    client: connection.client,
    appUrl: connection.appUrl,
    settings: async () => settings,
    cache: createLookupCache(() => 1_000_000),
  });
}

/** The list as the options page saves it: through the settings schema, then the settings service. */
async function saveList(domains: string[]): Promise<string[]> {
  const patch = v.parse(settingsPatchSchema, { neverLookUpDomains: domains });
  const saved = await createSettingsService().update(patch);
  settings = saved;
  return saved.neverLookUpDomains;
}

const customerLookups = () => sandbox.requests.filter((request) => request.path.startsWith('/v1/customers/email='));

describe('never-look-up rules hold for every spelling of a domain', () => {
  it.each([
    ['the Unicode spelling of a listed punycode domain', 'bob@bücher.example', 'xn--bcher-kva.example'],
    ['the punycode spelling of a listed Unicode domain', 'bob@xn--bcher-kva.example', 'bücher.example'],
    ['capitals of a listed Unicode domain', 'bob@BÜCHER.example', 'bücher.example'],
    ['a decomposed ü', 'bob@bu\u0308cher.example', 'bücher.example'],
    ['fullwidth letters', 'bob@ａｃｍｅ.com', 'acme.com'],
    ['fullwidth letters in a subdomain', 'bob@ｅｕ.ａｃｍｅ.ｃｏｍ', 'acme.com'],
    ['a dotless ı', 'bob@ıbm.com', 'ibm.com'],
    ['a capital dotted İ', 'bob@İBM.com', 'ibm.com'],
    ['a dotless ı in a subdomain of a listed domain', 'bob@eu.mıcrosoft.com', 'microsoft.com'],
    ['a zero-width joiner', 'bob@ac\u200dme.com', 'acme.com'],
    ['a sharp s', 'bob@straße.example', 'strasse.example'],
    ['a listed domain typed in fullwidth', 'bob@acme.com', 'ＡＣＭＥ.ＣＯＭ'],
  ])('ignores %s', async (_name, email, listed) => {
    await saveList([listed]);
    expect(isNeverLookUp(email, settings)).toBe(true);
    const lookup = await lookupService();
    expect(await lookup.lookupMany([email])).toEqual([{ email: email.toLowerCase(), status: 'ignored' }]);
    expect(customerLookups()).toHaveLength(0);
  });

  it.each([
    ['a different domain that ends alike', 'bob@notacme.com', 'acme.com'],
    ['a listed domain as a subdomain of another', 'bob@acme.com.evil.example', 'acme.com'],
    ['a different Unicode domain', 'bob@bucher.example', 'bücher.example'],
  ])('still looks up %s', async (_name, email, listed) => {
    await saveList([listed]);
    expect(isNeverLookUp(email, settings)).toBe(false);
  });

  it.each([
    ['a Unicode domain', 'bücher.example', 'xn--bcher-kva.example'],
    ['a Japanese domain', '例え.jp', 'xn--r8jz45g.jp'],
    ['a domain in fullwidth letters', 'ＡＣＭＥ.com', 'acme.com'],
    ['a punycode domain in capitals', 'XN--BCHER-KVA.example', 'xn--bcher-kva.example'],
    ['a domain with spaces around it', ' Acme.COM ', 'acme.com'],
  ])('accepts %s in the list, stored in canonical form', (_name, input, stored) => {
    const parsed = v.safeParse(settingsPatchSchema, { neverLookUpDomains: [input] });
    expect(parsed.success && parsed.output).toEqual({ neverLookUpDomains: [stored] });
  });

  it.each([
    ['a URL', 'https://acme.com/'],
    ['an address', 'bob@acme.com'],
    ['a port', 'acme.com:443'],
    ['an IP address', '192.168.0.1'],
    ['a single label', 'localhost'],
    ['an empty label', 'acme..com'],
    ['spaces', 'ac me.com'],
    ['a percent-encoded dot', 'acme%2ecom'],
  ])('refuses %s in the list', (_name, input) => {
    expect(v.safeParse(settingsPatchSchema, { neverLookUpDomains: [input] }).success).toBe(false);
  });

  it('keeps one entry for several spellings of the same domain', async () => {
    const saved = await saveList([
      'bücher.example',
      'xn--bcher-kva.example',
      'BÜCHER.example',
      'ａｃｍｅ.com',
      'acme.com',
    ]);
    expect(saved).toEqual(['acme.com', 'xn--bcher-kva.example']);
  });
});
