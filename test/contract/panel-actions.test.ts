import { describe, expect, it } from 'vitest';
import { createDirectory } from '../../lib/background/directory';
import { createKustomerPort, type KustomerPort } from '../../lib/background/kustomer-port';
import { sendWrite } from '../../lib/background/outbox-send';
import { customerHistory, klassForms, type ReadDeps } from '../../lib/background/reads';
import type { OutboxItem, WriteRequest } from '../../lib/messaging/model';
import { ADA, AGENT, MACHINE_USER, RETURN_KLASS } from '../sandbox/fixtures';
import { useSandbox } from './support';

/**
 * Issue 17's panel actions as the background sends them (outbox-send.ts, reads.ts) against the sandbox, which
 * checks every request and answer against Kustomer's OpenAPI spec and refuses off-spec requests.
 */
const kustomer = useSandbox({ seed: 17 });

function port(): KustomerPort {
  const { url, apiKey } = kustomer.sandbox;
  return createKustomerPort({ baseUrl: url, getToken: async () => apiKey });
}

let next = 0;
async function send(request: WriteRequest, attempts = 1) {
  next += 1;
  const item: OutboxItem = { id: `panel-actions-${next}`, request, state: 'sending', attempts, createdAt: Date.now() };
  let saved: WriteRequest | undefined;
  const outcome = await sendWrite({
    client: port(),
    item,
    saveProgress: async (progress) => {
      saved = progress;
    },
  });
  return { outcome, saved, item };
}

function reads(): ReadDeps {
  const client = async () => port();
  return {
    connectionId: 'org-0',
    client,
    appUrl: async () => 'https://sandbox.kustomerapp.com',
    directory: createDirectory(client, Date.now),
  };
}

function expectOnSpec() {
  const report = kustomer.sandbox.conformance();
  expect(report.offSpecRequests).toEqual([]);
  expect(report.offSpecAnswers).toEqual([]);
}

describe('issue 17 panel actions against the spec', () => {
  it('edits a note with PUT (conversation and body) and deletes it; a resend of the delete finds it gone', async () => {
    const note = await port().createConversationNote(ADA.openConversationId, { body: 'Before' });
    await send({ kind: 'updateNote', noteId: note.id, conversationId: ADA.openConversationId, body: 'After' });
    expect(kustomer.sandbox.store.notes.get(note.id)?.body).toBe('After');
    await send({ kind: 'deleteNote', noteId: note.id, conversationId: ADA.openConversationId });
    expect(kustomer.sandbox.store.notes.has(note.id)).toBe(false);
    // The worker stopped after the DELETE landed: the next attempt must not fail on the 404.
    const again = await send({ kind: 'deleteNote', noteId: note.id, conversationId: ADA.openConversationId }, 2);
    expect(again.outcome.resultId).toBe(note.id);
    expectOnSpec();
  });

  it('refuses a first delete of a note that does not exist (a real error, not a resend)', async () => {
    await expect(
      send({ kind: 'deleteNote', noteId: '5f1a0ada00000000000ffff9', conversationId: ADA.openConversationId }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });

  it("updates a company's custom attribute", async () => {
    await send({ kind: 'updateCompanyAttributes', companyId: ADA.companyId, changes: { tierStr: 'Gold' } });
    const company = kustomer.sandbox.store.companies.get(ADA.companyId);
    expect(company?.custom).toMatchObject({ tierStr: 'Gold' });
    expectOnSpec();
  });

  it('creates a KObject in a klass with its generated data, once, even when resent', async () => {
    const request: WriteRequest = {
      kind: 'createKObject',
      customerId: ADA.id,
      klassName: RETURN_KLASS.name,
      title: 'Return of order 1042',
      data: { reasonStr: 'Too small', itemsNum: 2, refundBool: true, receivedAt: null },
    };
    const first = await send(request);
    const created = kustomer.sandbox.store.kobjects.get(first.outcome.resultId);
    expect(created?.data).toEqual({ reasonStr: 'Too small', itemsNum: 2, refundBool: true });
    expect(created?.customer).toBe(ADA.id);
    // Same outbox item sent again (its first answer was lost): the KObject is found by its externalId.
    const before = kustomer.sandbox.store.kobjects.size;
    const item: OutboxItem = { ...first.item, attempts: 2 };
    const again = await sendWrite({ client: port(), item, saveProgress: async () => undefined });
    expect(again.resultId).toBe(first.outcome.resultId);
    expect(kustomer.sandbox.store.kobjects.size).toBe(before);
    expectOnSpec();
  });

  it('snoozes a conversation until a time with the spec snooze object', async () => {
    const until = new Date(Date.now() + 86_400_000).toISOString();
    await send({
      kind: 'updateConversation',
      conversationId: ADA.secondOpenConversationId,
      changes: { status: 'snoozed', snoozeUntil: until },
    });
    const conversation = kustomer.sandbox.store.conversations.get(ADA.secondOpenConversationId);
    expect(conversation?.status).toBe('snoozed');
    expect(conversation?.snoozedUntil).toBe(until);
    expectOnSpec();
  });

  it('runs a bulk update as one job, saves the job id, and follows it to complete without a second job', async () => {
    const request: WriteRequest = {
      kind: 'bulkUpdateConversations',
      customerId: ADA.id,
      conversationIds: [ADA.openConversationId, ADA.doneConversationId],
      changes: { priority: 5, assigneeIds: [AGENT.id] },
    };
    const first = await send(request);
    expect(first.saved).toMatchObject({ kind: 'bulkUpdateConversations', jobId: first.outcome.resultId });
    expect(first.outcome.pending).toBeDefined();
    const jobs = () =>
      kustomer.sandbox.requests.filter((r) => r.method === 'PUT' && r.path === '/v1/conversations/bulk');
    const jobCount = jobs().length;
    let outcome = first.outcome;
    for (let poll = 0; poll < 5 && outcome.pending; poll += 1) {
      outcome = (await send(first.saved as WriteRequest, 2)).outcome;
    }
    expect(outcome.pending).toBeUndefined();
    expect(jobs().length).toBe(jobCount);
    for (const id of [ADA.openConversationId, ADA.doneConversationId]) {
      expect(kustomer.sandbox.store.conversations.get(id)).toMatchObject({ priority: 5, assignedUsers: [AGENT.id] });
    }
    expectOnSpec();
  });

  it("reads the customer's history from the audit log, filtered by the customer, in the agent's words", async () => {
    const tier = `tier-${Date.now().toString(36)}`;
    await port().updateCustomerAttributes(ADA.id, { custom: { loyaltyTierStr: tier } });
    const history = await customerHistory(reads(), ADA.id);
    const from = kustomer.sandbox.requests.filter((r) => r.path === '/v1/audit-logs').at(-1);
    expect(from?.query).toMatchObject({ 'filter[objectType]': 'customer', 'filter[objectId]': ADA.id });
    expect(history[0]).toMatchObject({ verb: 'update', objectType: 'customer', who: MACHINE_USER.name });
    expect(history[0]?.changes).toContainEqual(expect.objectContaining({ field: 'Loyalty tier', after: tier }));
    expectOnSpec();
  });

  it("builds a klass's form from its jsonSchema", async () => {
    const forms = await klassForms(reads());
    const form = forms.find((candidate) => candidate.klassName === RETURN_KLASS.name);
    expect(form?.fields).toEqual([
      { key: 'orderNumberStr', label: 'Order number', type: 'Str' },
      { key: 'reasonStr', label: 'Reason', type: 'Str', required: true },
      { key: 'itemsNum', label: 'Items', type: 'Num' },
      { key: 'refundBool', label: 'Refund', type: 'Bool' },
      { key: 'receivedAt', label: 'Received', type: 'At' },
    ]);
    expectOnSpec();
  });
});
