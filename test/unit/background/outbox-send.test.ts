import { describe, expect, it } from 'vitest';
import type { KustomerPort } from '../../../lib/background/kustomer-port';
import { sendWrite } from '../../../lib/background/outbox-send';
import { KustomerError } from '../../../lib/kustomer/errors';
import type { OutboxItem, WriteRequest } from '../../../lib/messaging/model';

/** A port that records what each write sends and answers with a record id. */
function recordingPort() {
  const calls: { method: string; args: unknown[] }[] = [];
  const answer =
    (method: string) =>
    async (...args: unknown[]) => {
      calls.push({ method, args });
      return { type: 'record', id: `${method}-result`, attributes: {} };
    };
  const port = {
    createConversationNote: answer('createConversationNote'),
    updateConversationAttributes: answer('updateConversationAttributes'),
    listConversationNotes: async () => ({ data: [], meta: {}, links: {} }),
  } as unknown as KustomerPort;
  return { port, calls };
}

const item = (request: WriteRequest, attempts = 1): OutboxItem => ({
  id: 'outbox-7',
  request,
  state: 'sending',
  attempts,
  createdAt: 0,
});

const send = (port: KustomerPort, request: WriteRequest, attempts = 1) =>
  sendWrite({ client: port, item: item(request, attempts), saveProgress: async () => undefined });

describe('a note', () => {
  it('mentions users as { user } and teams as { team }, and carries the item id as externalId', async () => {
    const { port, calls } = recordingPort();
    await send(port, {
      kind: 'createNote',
      customerId: 'c1',
      conversationId: 'conv1',
      body: 'For @Sam and the billing team',
      userMentionIds: ['u1'],
      teamMentionIds: ['t1'],
    });
    expect(calls).toEqual([
      {
        method: 'createConversationNote',
        args: [
          'conv1',
          {
            body: 'For @Sam and the billing team',
            externalId: 'outbox-7',
            userMentions: [{ user: 'u1' }, { team: 't1' }],
          },
        ],
      },
    ]);
  });

  it('is refused, not cut, past 20 mentions together', async () => {
    const { port, calls } = recordingPort();
    const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
    const sending = send(port, {
      kind: 'createNote',
      customerId: 'c1',
      conversationId: 'conv1',
      body: 'Everyone',
      userMentionIds: ids('u', 15),
      teamMentionIds: ids('t', 6),
    });
    await expect(sending).rejects.toBeInstanceOf(KustomerError);
    await expect(sending).rejects.toMatchObject({ kind: 'validation' });
    expect(calls).toEqual([]);
  });
});

describe('a conversation update', () => {
  it('sets a sub-status by id and never sends subStatus: null (not a valid value in the spec)', async () => {
    const { port, calls } = recordingPort();
    await send(port, {
      kind: 'updateConversation',
      conversationId: 'conv1',
      changes: { status: 'done', subStatusId: 'ss1' },
    });
    // An item stored by an older version may still hold null: it is left out, not sent.
    await send(port, {
      kind: 'updateConversation',
      conversationId: 'conv1',
      changes: { status: 'open', subStatusId: null } as unknown as { status: 'open' },
    });
    expect(calls.map((call) => call.args[1])).toEqual([{ status: 'done', subStatus: 'ss1' }, { status: 'open' }]);
  });
});
