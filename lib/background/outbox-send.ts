import { isKustomerError } from '../kustomer/errors';
import type { ConversationInput, CustomerInput, Priority } from '../kustomer/types';
import { CUSTOM_ATTRIBUTE_SUFFIXES, subjectFromNote } from '../labels';
import type { OutboxItem, WriteRequest } from '../view-models';
import type { KustomerPort } from './kustomer-port';

/** What one send achieved; `request` is the (possibly advanced) request to persist. */
export interface SendOutcome {
  resultId: string;
  /** Set when a step finished and the request changed (a quick note's new conversation id). */
  request?: WriteRequest;
}

export interface SendContext {
  client: KustomerPort;
  item: OutboxItem;
  /** Persists progress between the steps of a two-step write, so a restart resumes after the first. */
  saveProgress: (request: WriteRequest) => Promise<void>;
}

// How far Kustomer's clock may be behind ours when matching a note created by an earlier attempt.
const CLOCK_SKEW_MS = 2 * 60_000;
// Pages of notes/messages/conversations searched for an earlier attempt's record (newest are first).
const CHECK_PAGE_SIZE = 100;

/**
 * Sends one outbox item, never twice. Kustomer keeps `externalId` on conversations, customers and
 * messages (developer.kustomer.com "Create conversation" / "Create customer" bodies list it), so those
 * are sent with the item's id as externalId, and a resend first looks for a record carrying it.
 * Notes have no documented externalId ("Create note" body: body, userMentions, attachments), so a
 * resend first looks for a note with the same body created since the item was queued.
 */
export async function sendWrite({ client, item, saveProgress }: SendContext): Promise<SendOutcome> {
  const request = item.request;
  const resend = item.attempts > 1;
  switch (request.kind) {
    case 'createNote': {
      let conversationId = request.conversationId;
      let progressed: WriteRequest | undefined;
      if (!conversationId) {
        conversationId = await createConversationOnce(client, item.id, resend, {
          customer: request.customerId,
          name: subjectFromNote(request.body),
        });
        progressed = { ...request, conversationId };
        await saveProgress(progressed);
      }
      const existing = resend ? await findNote(client, conversationId, request.body, item.createdAt) : undefined;
      if (existing) return { resultId: existing, request: progressed };
      const note = await client.createConversationNote(conversationId, {
        body: request.body,
        ...(request.userMentionIds?.length
          ? { userMentions: request.userMentionIds.map((userId) => ({ userId })) }
          : {}),
      });
      return { resultId: note.id, request: progressed };
    }
    case 'createConversation': {
      const attributes = {
        customer: request.customerId,
        name: request.subject,
        ...(request.priority ? { priority: request.priority as Priority } : {}),
        ...(request.status ? { status: request.status } : {}),
        ...(request.tags ? { tags: request.tags } : {}),
      };
      return { resultId: await createConversationOnce(client, item.id, resend, attributes) };
    }
    case 'createMessage': {
      if (resend) {
        const messages = await client.listConversationMessages(request.conversationId, { pageSize: CHECK_PAGE_SIZE });
        const existing = messages.data.find((message) => message.attributes.externalId === item.id);
        if (existing) return { resultId: existing.id };
      }
      const message = await client.createConversationMessage(request.conversationId, {
        channel: request.channel,
        app: request.app,
        direction: request.direction,
        preview: request.preview,
        externalId: item.id,
        ...(request.subject ? { subject: request.subject } : {}),
        ...(request.customerId ? { customer: request.customerId } : {}),
      });
      return { resultId: message.id };
    }
    case 'updateConversation': {
      // A PATCH of the same values lands in the same state, so a resend needs no check.
      const changes: ConversationInput = {};
      if (request.changes.status) changes.status = request.changes.status;
      if (request.changes.subStatusId !== undefined) changes.subStatus = request.changes.subStatusId;
      if (request.changes.priority) changes.priority = request.changes.priority as Priority;
      if (request.changes.assigneeIds) changes.assignedUsers = request.changes.assigneeIds;
      const updated = await client.updateConversationAttributes(request.conversationId, changes);
      return { resultId: updated.id };
    }
    case 'updateCustomerAttributes': {
      const custom: Record<string, string | number | boolean | null> = {};
      const top: Record<string, string | number | boolean | null> = {};
      for (const [key, value] of Object.entries(request.changes)) {
        if (CUSTOM_ATTRIBUTE_SUFFIXES.some((suffix) => key.endsWith(suffix))) custom[key] = value;
        else top[key] = value;
      }
      const input = { ...top, ...(Object.keys(custom).length > 0 ? { custom } : {}) } as CustomerInput;
      const updated = await client.updateCustomerAttributes(request.customerId, input);
      return { resultId: updated.id };
    }
    case 'createCustomer': {
      if (resend) {
        const found = await client.getCustomerByEmail(request.email);
        if (found?.attributes.externalId === item.id) return { resultId: found.id };
      }
      try {
        const customer = await client.createCustomer({
          name: request.name,
          emails: [{ email: request.email, type: 'home' }],
          externalId: item.id,
          ...(request.phone ? { phones: [{ phone: request.phone, type: 'mobile' }] } : {}),
        });
        return { resultId: customer.id };
      } catch (error) {
        if (!isKustomerError(error, 'conflict')) throw error;
        const found = await client.getCustomerByEmail(request.email);
        if (found?.attributes.externalId === item.id) return { resultId: found.id };
        throw error;
      }
    }
  }
}

async function createConversationOnce(
  client: KustomerPort,
  externalId: string,
  resend: boolean,
  attributes: { customer: string; name: string } & ConversationInput,
): Promise<string> {
  const find = async () => {
    const page = await client.listCustomerConversations(attributes.customer, { pageSize: CHECK_PAGE_SIZE });
    return page.data.find((conversation) => conversation.attributes.externalId === externalId)?.id;
  };
  if (resend) {
    const existing = await find();
    if (existing) return existing;
  }
  try {
    return (await client.createConversation({ ...attributes, externalId })).id;
  } catch (error) {
    // A 409 on our externalId means an earlier attempt created it after all.
    if (!isKustomerError(error, 'conflict')) throw error;
    const existing = await find();
    if (existing) return existing;
    throw error;
  }
}

async function findNote(client: KustomerPort, conversationId: string, body: string, since: number) {
  const notes = await client.listConversationNotes(conversationId, { pageSize: CHECK_PAGE_SIZE });
  return notes.data.find((note) => {
    const createdAt = Date.parse(note.attributes.createdAt ?? '');
    return note.attributes.body === body && (Number.isNaN(createdAt) || createdAt >= since - CLOCK_SKEW_MS);
  })?.id;
}
