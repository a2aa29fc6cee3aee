import { describe, expect, it } from 'vitest';
import type { KustomerClient } from '../../lib/kustomer/client';
import { ADA, GRACE } from '../sandbox/fixtures';
import { rejection, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff9';
const kustomer = useSandbox();

/** Polls a bulk job until it is complete (bounded: the sandbox advances one step per poll). */
async function completed(client: KustomerClient, id: string) {
  for (let poll = 0; poll < 5; poll++) {
    const job = await client.getBulkJob(id);
    if (job.attributes.status === 'complete') return job;
  }
  throw new Error(`bulk job ${id} did not complete`);
}

describe('bulk_create_conversations', () => {
  it('queues a job that creates the conversations, with per-item _clientRef results', async () => {
    const client = kustomer.client();
    const job = await client.bulkCreateConversations([
      { customer: ADA.id, name: 'Bulk one', _clientRef: 'one' },
      { customer: GRACE.id, name: 'Bulk two', _clientRef: 'two' },
    ]);
    expect(job.attributes.status).toBe('queued');
    await completed(client, job.id);
    const [batch] = (await client.listBulkJobBatches(job.id)).data;
    const results = batch?.attributes.results ?? [];
    expect(results.map((result) => result._clientRef)).toEqual(['one', 'two']);
    for (const result of results)
      expect(kustomer.sandbox.store.conversations.get(result.id ?? '')?.name).toMatch(/^Bulk /);
  });

  it('fails with validation for an empty list', async () => {
    await rejection(kustomer.client().bulkCreateConversations([]), 'validation', 400);
  });
});

describe('bulk_update_conversations', () => {
  it('applies one change to several ids with ?ids=', async () => {
    const client = kustomer.client();
    const a = await client.createConversation({ customer: ADA.id });
    const b = await client.createConversation({ customer: ADA.id });
    const job = await client.bulkUpdateConversations({ ids: [a.id, b.id], update: { priority: 5 } });
    await completed(client, job.id);
    expect(kustomer.sandbox.store.conversations.get(a.id)?.priority).toBe(5);
    expect(kustomer.sandbox.store.conversations.get(b.id)?.priority).toBe(5);
  });

  it('applies per-item changes from an array', async () => {
    const client = kustomer.client();
    const a = await client.createConversation({ customer: GRACE.id });
    const job = await client.bulkUpdateConversations([{ id: a.id, name: 'Renamed in bulk' }]);
    await completed(client, job.id);
    expect(kustomer.sandbox.store.conversations.get(a.id)?.name).toBe('Renamed in bulk');
  });

  it('is refused with 403 for a read-only key', async () => {
    await rejection(
      kustomer
        .client(kustomer.sandbox.keys.readOnly)
        .bulkUpdateConversations({ ids: [ADA.openConversationId], update: { priority: 1 } }),
      'forbidden',
      403,
    );
  });
});

describe('bulk_delete_conversations', () => {
  it('deletes the conversations listed in ?ids=', async () => {
    const client = kustomer.client();
    const a = await client.createConversation({ customer: GRACE.id });
    const job = await client.bulkDeleteConversations([a.id]);
    await completed(client, job.id);
    expect(kustomer.sandbox.store.conversations.has(a.id)).toBe(false);
  });

  it('is refused with 403 for a read-only key', async () => {
    await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).bulkDeleteConversations([ADA.doneConversationId]),
      'forbidden',
      403,
    );
  });
});

describe('get_bulk_job', () => {
  it('moves a job from queued through running to complete', async () => {
    const client = kustomer.client();
    const job = await client.bulkCreateConversations([{ customer: ADA.id }]);
    const statuses = [job.attributes.status];
    for (let poll = 0; poll < 3 && statuses.at(-1) !== 'complete'; poll++)
      statuses.push((await client.getBulkJob(job.id)).attributes.status);
    expect(statuses).toEqual(['queued', 'running', 'complete']);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getBulkJob(MISSING_ID), 'not_found', 404);
  });
});

describe('list_bulk_job_batches', () => {
  it('reports a failed item without failing the job', async () => {
    const client = kustomer.client();
    const job = await client.bulkUpdateConversations([{ id: MISSING_ID, name: 'ghost', _clientRef: 'ghost' }]);
    await completed(client, job.id);
    const [batch] = (await client.listBulkJobBatches(job.id)).data;
    expect(batch?.attributes.results?.[0]).toMatchObject({ _clientRef: 'ghost', status: 'failure' });
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().listBulkJobBatches(MISSING_ID), 'not_found', 404);
  });
});
