import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADA, AGENT, GRACE, MACHINE_USER, SANDBOX_KEYS, SANDBOX_ORG_ID } from '../../sandbox/fixtures';
import { type MultiOrgSandbox, routeForHost, startMultiOrgSandbox } from '../../sandbox/multi-org';
import { ADA_ELSEWHERE, DEFAULT_ORG, fixedIdIn, HEDY, SECOND_ORG_SLUG } from '../../sandbox/orgs';
import { api, firstError, many, one } from './api';

let multi: MultiOrgSandbox;
beforeAll(async () => {
  multi = await startMultiOrgSandbox({
    orgs: [
      { slug: DEFAULT_ORG.slug, rateLimitPerMinute: 5 },
      { slug: SECOND_ORG_SLUG, rateLimitPerMinute: 50 },
      { slug: 'nordlicht', pod: 'prod2' },
    ],
  });
});
afterAll(() => multi.close());
beforeEach(() => multi.reset());

const primary = () => multi.org(DEFAULT_ORG.slug);
const second = () => multi.org(SECOND_ORG_SLUG);
const european = () => multi.org('nordlicht');
const byEmail = (email: string) => `/v1/customers/email=${encodeURIComponent(email)}`;

/** A request through the gateway, as if to `https://<host>` (Kustomer's DNS). */
async function viaHost(host: string, path: string, key: string) {
  const response = await multi.fetch(`https://${host}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, json: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

describe('a sandbox with several organisations', () => {
  it('keeps the primary organisation exactly as a one-org sandbox has it', async () => {
    expect(primary().apiKey).toBe(SANDBOX_KEYS.full);
    const ada = one(await api(primary(), 'GET', byEmail(ADA.email)));
    expect(ada).toMatchObject({ id: ADA.id, attributes: { name: ADA.name } });
    expect(ada.relationships.org?.data?.id).toBe(SANDBOX_ORG_ID);
  });

  it('knows a customer in both organisations with different data, and others in one only', async () => {
    const elsewhere = one(await api(second(), 'GET', byEmail(ADA.email)));
    expect(elsewhere.attributes).toMatchObject({ name: ADA_ELSEWHERE.name, externalId: ADA_ELSEWHERE.externalId });
    expect(elsewhere.id).toBe(fixedIdIn(multi.identities[1] ?? DEFAULT_ORG, ADA_ELSEWHERE.id));
    expect(elsewhere.id).not.toBe(ADA.id);
    expect(elsewhere.relationships.org?.data?.id).toBe(multi.identities[1]?.id);
    expect((await api(second(), 'GET', byEmail(GRACE.email))).status).toBe(404);
    expect((await api(primary(), 'GET', byEmail(HEDY.email))).status).toBe(404);
    expect(one(await api(second(), 'GET', byEmail(HEDY.email))).attributes.name).toBe(HEDY.name);
    const conversations = many(await api(second(), 'GET', `/v1/customers/${elsewhere.id}/conversations`));
    expect(conversations.map((conversation) => conversation.attributes.name)).toEqual([
      ADA_ELSEWHERE.conversationSubject,
    ]);
  });

  it('shares no record, user or token id between organisations', () => {
    const ids = (index: number) => {
      const org = multi.orgs[index];
      if (!org) throw new Error('missing org');
      const store = org.store;
      return new Set(
        [
          store.customers,
          store.companies,
          store.conversations,
          store.messages,
          store.notes,
          store.users,
          store.kobjects,
        ]
          .flatMap((collection) => [...collection.keys()])
          .concat([...store.klasses.keys(), ...store.subStatuses.keys()]),
      );
    };
    const [first, other] = [ids(0), ids(1)];
    expect(first.size).toBeGreaterThan(1000);
    expect([...first].filter((id) => other.has(id))).toEqual([]);
  });

  it("refuses one organisation's key at another's host", async () => {
    const refused = await api(second(), 'GET', byEmail(ADA.email), { key: primary().apiKey });
    expect(refused.status).toBe(401);
    expect(firstError(refused)).toMatchObject({ code: 'unauthorized', meta: { reason: 'invalid' } });
    expect((await api(primary(), 'GET', byEmail(ADA.email), { key: second().apiKey })).status).toBe(401);
    expect(second().keys.full).not.toBe(primary().keys.full);
  });

  it('answers for its own users: API keys act as its machine user, OAuth as its agent', async () => {
    const identity = multi.identities[1] ?? DEFAULT_ORG;
    const token = one(await api(second(), 'GET', '/v1/auth/tokens/current'));
    expect(token.relationships.org?.data?.id).toBe(identity.id);
    expect(token.relationships.user?.data?.id).toBe(fixedIdIn(identity, MACHINE_USER.id));
    const users = many(await api(second(), 'GET', '/v1/users'));
    expect(users.map((user) => user.id)).toContain(fixedIdIn(identity, AGENT.id));
    expect(users.map((user) => user.id)).not.toContain(AGENT.id);
  });

  it('counts each organisation against its own rate limit', async () => {
    for (let call = 0; call < 5; call++) expect((await api(primary(), 'GET', byEmail(ADA.email))).status).toBe(200);
    const limited = await api(primary(), 'GET', byEmail(ADA.email));
    expect(limited.status).toBe(429);
    const other = await api(second(), 'GET', byEmail(ADA.email));
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-limit')).toBe('50');
    expect(other.headers.get('x-ratelimit-remaining')).toBe('49');
  });

  it('keeps writes, faults and recorded requests to their organisation', async () => {
    const elsewhere = one(await api(second(), 'GET', byEmail(ADA.email)));
    const conversation = many(await api(second(), 'GET', `/v1/customers/${elsewhere.id}/conversations`))[0];
    const notesBefore = primary().store.notes.size;
    const created = await api(second(), 'POST', `/v1/conversations/${conversation?.id}/notes`, {
      body: { body: 'Sent the wholesale list' },
    });
    expect(created.status).toBe(201);
    expect(primary().store.notes.size).toBe(notesBefore);
    expect([...second().store.notes.values()].some((note) => note.body === 'Sent the wholesale list')).toBe(true);
    expect(primary().requests).toEqual([]);

    second().setFaults({ force429: 1 });
    expect((await api(primary(), 'GET', byEmail(ADA.email))).status).toBe(200);
    expect((await api(second(), 'GET', byEmail(ADA.email))).status).toBe(429);
  });

  it('gives each organisation a key from the other pod, refused naming that pod', async () => {
    const refused = await api(second(), 'GET', byEmail(ADA.email), { key: second().keys.otherPod });
    expect(firstError(refused)).toMatchObject({ meta: { reason: 'pod_mismatch', pod: 'prod2' } });
    const inEurope = await api(european(), 'GET', byEmail(ADA.email), { key: european().keys.otherPod });
    expect(firstError(inEurope)).toMatchObject({ meta: { reason: 'pod_mismatch', pod: 'prod1' } });
    expect((await api(european(), 'GET', byEmail(ADA.email))).status).toBe(200);
  });
});

describe('the gateway: organisations by host name, as Kustomer serves them', () => {
  it.each([
    ['brightwave.api.kustomerapp.com', { kind: 'org', slug: 'brightwave' }],
    ['brightwave.kustomerapp.com', { kind: 'org', slug: 'brightwave' }],
    ['api.kustomerapp.com', { kind: 'region', pod: 'prod1' }],
    ['API.prod2.kustomerapp.com:443', { kind: 'region', pod: 'prod2' }],
    ['api.prod4.kustomerapp.com', { kind: 'region', pod: 'prod4' }],
    ['127.0.0.1:4010', { kind: 'region', pod: 'prod1' }],
    ['evil.example', { kind: 'unknown' }],
  ])('reads %s', (host, route) => {
    expect(routeForHost(host)).toEqual(route);
  });

  it("serves an organisation's own host with its key only", async () => {
    const ada = await viaHost(`${SECOND_ORG_SLUG}.api.kustomerapp.com`, byEmail(ADA.email), second().apiKey);
    expect(ada.status).toBe(200);
    expect((ada.json.data as { attributes: { name: string } }).attributes.name).toBe(ADA_ELSEWHERE.name);
    const refused = await viaHost(`${SECOND_ORG_SLUG}.api.kustomerapp.com`, byEmail(ADA.email), primary().apiKey);
    expect(refused.status).toBe(401);
    expect(second().requests.map((request) => request.status)).toEqual([200, 401]);
  });

  it('serves a region host to the organisation the token belongs to, and refuses a token of another pod', async () => {
    const us = await viaHost('api.kustomerapp.com', byEmail(ADA.email), primary().apiKey);
    expect((us.json.data as { id: string }).id).toBe(ADA.id);
    const usSecond = await viaHost('api.kustomerapp.com', byEmail(ADA.email), second().apiKey);
    expect((usSecond.json.data as { attributes: { name: string } }).attributes.name).toBe(ADA_ELSEWHERE.name);
    const wrongRegion = await viaHost('api.kustomerapp.com', byEmail(ADA.email), european().apiKey);
    expect(wrongRegion.status).toBe(401);
    expect(wrongRegion.json.errors?.[0]).toMatchObject({ meta: { reason: 'pod_mismatch', pod: 'prod2' } });
    expect((await viaHost('api.prod2.kustomerapp.com', byEmail(ADA.email), european().apiKey)).status).toBe(200);
    expect(multi.unrouted.map((request) => request.status)).toEqual([401]);
  });

  it('answers 404 for an organisation or host it does not know', async () => {
    expect((await viaHost('nobody.api.kustomerapp.com', byEmail(ADA.email), primary().apiKey)).status).toBe(404);
    const unknownToken = await viaHost('api.kustomerapp.com', byEmail(ADA.email), 'not-a-key');
    expect(unknownToken.status).toBe(401);
    expect(multi.unrouted).toHaveLength(2);
  });

  it('finds no answer off the spec in any organisation', () => {
    for (const org of multi.orgs) {
      const report = org.conformance();
      expect(report.offSpecAnswers).toEqual([]);
      expect(report.offSpecRequests).toEqual([]);
    }
  });
});
