import { describe, expect, it } from 'vitest';
import { describeError } from '../../../lib/background/describe-error';
import { createBackgroundServices } from '../../../lib/background/services';
import type { SearchResults } from '../../../lib/messaging/model';
import { handleRawMessage } from '../../../lib/messaging/server';
import { ADA, GRACE, ORDER_KLASS } from '../../sandbox/fixtures';
import { sandboxForFile, sandboxPlatform } from './helpers';

const sandbox = sandboxForFile();
const self = { id: 'ourid', origin: 'chrome-extension://ourid' };
const panel = { id: self.id, url: `${self.origin}/sidepanel.html` };

async function connected() {
  const platform = sandboxPlatform(sandbox);
  const built = createBackgroundServices(platform);
  const send = async (type: string, input: unknown = {}) => {
    const answer = (await handleRawMessage({ type, input }, panel, {
      self,
      handlers: built.handlers,
      describeError,
    })) as { ok: boolean; value?: unknown; error?: unknown };
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.value;
  };
  await send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
  const search = async (query: string) => {
    sandbox.requests.length = 0;
    const { hits } = (await send('searchCustomers', { query })) as SearchResults;
    return { hits, requests: sandbox.requests.map((request) => `${request.method} ${request.path}`) };
  };
  return { send, search };
}

describe('Issue 17 bug 5: search results name the company and why they matched', () => {
  it('names the company of each result, reading each company once', async () => {
    const { search } = await connected();
    const { hits, requests } = await search('analytical');
    const ada = hits.find((hit) => hit.id === ADA.id);
    expect(ada?.companyName).toBe(ADA.companyName);
    expect(ada?.match).toEqual({ field: 'email', value: ADA.secondEmail });
    const companyReads = requests.filter((request) => request.startsWith('GET /v1/companies/'));
    const companies = new Set(hits.map((hit) => hit.companyId).filter(Boolean));
    // One read per distinct company, never one per result.
    expect(companyReads).toHaveLength(companies.size);
    expect(new Set(companyReads).size).toBe(companyReads.length);
  });

  it('reads no company again on a repeated search', async () => {
    const { search } = await connected();
    await search('analytical');
    const again = await search('analytical');
    expect(again.requests.filter((request) => request.startsWith('GET /v1/companies/'))).toEqual([]);
    expect(again.hits.find((hit) => hit.id === ADA.id)?.companyName).toBe(ADA.companyName);
  });

  it('says a name matched', async () => {
    const { search } = await connected();
    const { hits } = await search('Hopper');
    expect(hits[0]).toMatchObject({ id: GRACE.id, companyName: GRACE.companyName, match: { field: 'name' } });
  });
});

describe('Issue 17: search by external id, KObject external id and a chosen custom attribute', () => {
  it('finds a customer by external id (GET /v1/customers/externalId=)', async () => {
    const { search } = await connected();
    const { hits, requests } = await search(ADA.externalId);
    expect(hits[0]).toMatchObject({ id: ADA.id, match: { field: 'externalId', value: ADA.externalId } });
    expect(requests).toContain(`GET /v1/customers/externalId=${ADA.externalId}`);
  });

  it('finds an order by its external id in the known klasses, with its customer', async () => {
    const { search } = await connected();
    const [externalId] = ADA.orderExternalIds;
    const { hits, requests } = await search(externalId);
    expect(hits[0]).toMatchObject({
      id: ADA.id,
      name: ADA.name,
      match: { field: 'kobject', value: externalId, label: 'Order' },
      kobject: { id: ADA.orderIds[0], klassName: ORDER_KLASS.name },
    });
    expect(requests).toContain(`GET /v1/klasses/${ORDER_KLASS.name}/externalId=${externalId}`);
  });

  it('finds a customer by the custom attribute chosen in the options, and only then', async () => {
    const { send, search } = await connected();
    expect((await search(ADA.lastOrderNumber)).hits).toEqual([]);
    await send('updateSettings', { patch: { searchAttribute: ADA.lastOrderAttribute } });
    const { hits } = await search(ADA.lastOrderNumber);
    expect(hits[0]).toMatchObject({
      id: ADA.id,
      match: { field: 'attribute', value: ADA.lastOrderNumber, label: 'Last order number' },
    });
  });

  it('asks no klass for a KObject when the text cannot be an id (words, addresses)', async () => {
    const { search } = await connected();
    const { requests } = await search('Ada Lovelace');
    expect(requests.filter((request) => request.includes('externalId='))).toEqual([]);
  });
});
