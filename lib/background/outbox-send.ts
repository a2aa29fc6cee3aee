import { t } from '../i18n/t';
import { isKustomerError, KustomerError } from '../kustomer/errors';
import type { CompanyInput, ConversationInput, CustomerInput, NoteMention, Priority } from '../kustomer/types';
import { CUSTOM_ATTRIBUTE_SUFFIXES, subjectFromNote } from '../labels';
import { MAX_NOTE_MENTIONS } from '../messaging/limits';
import type { OutboxItem, WriteRequest } from '../messaging/model';
import { ServiceError } from '../service-error';
import type { KustomerPort } from './kustomer-port';

/** What one send achieved; `request` is the (possibly advanced) request to persist. */
export interface SendOutcome {
  resultId: string;
  /** Set when a step finished and the request changed (a quick note's new conversation id). */
  request?: WriteRequest;
  /**
   * Kustomer accepted the work but has not finished it (a bulk job): the outbox looks again shortly, and this is
   * Kustomer's status of it.
   */
  pending?: string;
}

export interface SendContext {
  client: KustomerPort;
  item: OutboxItem;
  /** Persists progress between the steps of a two-step write, so a restart resumes after the first. */
  saveProgress: (request: WriteRequest) => Promise<void>;
}

// Pages of notes/messages/conversations searched for an earlier attempt's record (newest are first).
const CHECK_PAGE_SIZE = 100;

/**
 * Sends one outbox item, never twice. Kustomer keeps `externalId` on conversations, customers, messages and
 * notes (the spec's create bodies list it), so each is sent with the item's id as externalId, and a resend
 * first looks for a record carrying it.
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
      const mentions = noteMentions(request.userMentionIds, request.teamMentionIds);
      const existing = resend ? await findNote(client, conversationId, item.id) : undefined;
      if (existing) return { resultId: existing, request: progressed };
      const note = await client.createConversationNote(conversationId, {
        body: request.body,
        externalId: item.id,
        ...(mentions.length > 0 ? { userMentions: mentions } : {}),
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
      // A sub-status is only ever set: the spec's subStatus is an id, not nullable (no documented way to clear it).
      if (typeof request.changes.subStatusId === 'string') changes.subStatus = request.changes.subStatusId;
      if (request.changes.priority) changes.priority = request.changes.priority as Priority;
      if (request.changes.assigneeIds) changes.assignedUsers = request.changes.assigneeIds;
      if (request.changes.snoozeUntil) changes.snooze = { status: 'scheduled', time: request.changes.snoozeUntil };
      const updated = await client.updateConversationAttributes(request.conversationId, changes);
      return { resultId: updated.id };
    }
    case 'updateCustomerAttributes': {
      const input = attributeInput(request.changes) as CustomerInput;
      const updated = await client.updateCustomerAttributes(request.customerId, input);
      return { resultId: updated.id };
    }
    case 'updateCompanyAttributes': {
      const input = attributeInput(request.changes) as CompanyInput;
      const updated = await client.updateCompanyAttributes(request.companyId, input);
      return { resultId: updated.id };
    }
    case 'updateNote': {
      // A PUT of the same body lands in the same state: a resend needs no check.
      await client.updateNote(request.noteId, { conversation: request.conversationId, body: request.body });
      return { resultId: request.noteId };
    }
    case 'deleteNote': {
      try {
        await client.deleteNote(request.noteId);
      } catch (error) {
        // A resend that finds the note gone: an earlier attempt deleted it.
        if (!(resend && isKustomerError(error, 'not_found'))) throw error;
      }
      return { resultId: request.noteId };
    }
    case 'createKObject': {
      const find = async () =>
        (
          await client.findCustomerKObjects(request.customerId, request.klassName, { pageSize: CHECK_PAGE_SIZE })
        ).data.find((kobject) => kobject.attributes.externalId === item.id)?.id;
      const existing = resend ? await find() : undefined;
      if (existing) return { resultId: existing };
      const data = Object.fromEntries(Object.entries(request.data).filter(([, value]) => value !== null));
      const created = await client.createKObject(request.klassName, {
        title: request.title,
        customer: request.customerId,
        externalId: item.id,
        ...(Object.keys(data).length > 0 ? { data } : {}),
      });
      return { resultId: created.id };
    }
    case 'bulkUpdateConversations':
      return followBulkJob(client, request, saveProgress);
    case 'createCustomer':
      return { resultId: await createCustomerOnce(client, item.id, resend, request) };
    case 'logCall': {
      // Three steps, each found again by its externalId on a resend: customer (unless given), conversation
      // (externalId = the item's id), then the voice message (externalId = the item's id).
      const customerId =
        request.customerId ??
        (await createCustomerOnce(client, item.id, resend, {
          name: request.name || request.phone,
          phone: request.phone,
        }));
      const conversationId = await createConversationOnce(client, item.id, resend, {
        customer: customerId,
        name: `${request.direction === 'in' ? 'Call from' : 'Call to'} ${request.phone}`,
      });
      if (resend) {
        const messages = await client.listConversationMessages(conversationId, { pageSize: CHECK_PAGE_SIZE });
        const existing = messages.data.find((message) => message.attributes.externalId === item.id);
        if (existing) return { resultId: customerId };
      }
      await client.createConversationMessage(conversationId, {
        channel: 'voice',
        app: 'voice',
        direction: request.direction,
        preview: request.notes,
        customer: customerId,
        externalId: item.id,
        meta: { phone: request.phone },
      });
      // The customer is what the panel opens next.
      return { resultId: customerId };
    }
  }
}

/** Creates a customer once: a resend (or a conflict) finds it by email or phone and its externalId. */
async function createCustomerOnce(
  client: KustomerPort,
  externalId: string,
  resend: boolean,
  request: { name: string; email?: string; phone?: string },
): Promise<string> {
  const { email, phone } = request;
  if (!email && !phone) throw new ServiceError({ kind: 'invalid_message', message: t('error.service.emailOrPhone') });
  const find = async () => {
    const found = email ? await client.getCustomerByEmail(email) : await client.getCustomerByPhone(phone ?? '');
    return found?.attributes.externalId === externalId ? found.id : undefined;
  };
  if (resend) {
    const found = await find();
    if (found) return found;
  }
  try {
    const customer = await client.createCustomer({
      name: request.name,
      ...(email ? { emails: [{ email, type: 'home' }] } : {}),
      externalId,
      ...(phone ? { phones: [{ phone, type: 'mobile' }] } : {}),
    });
    return customer.id;
  } catch (error) {
    if (!isKustomerError(error, 'conflict')) throw error;
    const found = await find();
    if (found) return found;
    throw error;
  }
}

/** A flat change set as Kustomer's body: attributes with a custom suffix go into `custom`. */
function attributeInput(changes: Record<string, string | number | boolean | null>) {
  const custom: Record<string, string | number | boolean | null> = {};
  const top: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (CUSTOM_ATTRIBUTE_SUFFIXES.some((suffix) => key.endsWith(suffix))) custom[key] = value;
    else top[key] = value;
  }
  return { ...top, ...(Object.keys(custom).length > 0 ? { custom } : {}) };
}

/**
 * One bulk job for every selected conversation (`PUT /v1/conversations/bulk?ids=` with one body), then its status
 * until Kustomer completes it. The job's id is saved first, so a later attempt (or a restarted worker) follows that
 * job instead of starting a second; the same change applied twice would land in the same state anyway.
 */
async function followBulkJob(
  client: KustomerPort,
  request: Extract<WriteRequest, { kind: 'bulkUpdateConversations' }>,
  saveProgress: SendContext['saveProgress'],
): Promise<SendOutcome> {
  let jobId = request.jobId;
  let advanced: WriteRequest | undefined;
  if (!jobId) {
    const update: ConversationInput = {};
    if (request.changes.status) update.status = request.changes.status;
    if (request.changes.priority) update.priority = request.changes.priority as Priority;
    if (request.changes.assigneeIds) update.assignedUsers = request.changes.assigneeIds;
    jobId = (await client.bulkUpdateConversations({ ids: request.conversationIds, update })).id;
    advanced = { ...request, jobId };
    await saveProgress(advanced);
  }
  const job = await client.getBulkJob(jobId);
  const status = job.attributes.status;
  return status === 'complete'
    ? { resultId: jobId, request: advanced }
    : { resultId: jobId, request: advanced, pending: status };
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

/** Kustomer's `userMentions`: users then teams, refused past its limit rather than cut (a mention would be lost). */
function noteMentions(userIds: readonly string[] = [], teamIds: readonly string[] = []): NoteMention[] {
  const mentions: NoteMention[] = [...userIds.map((user) => ({ user })), ...teamIds.map((team) => ({ team }))];
  if (mentions.length > MAX_NOTE_MENTIONS) {
    const message = `A note can mention at most ${MAX_NOTE_MENTIONS} users and teams.`;
    throw new KustomerError({ kind: 'validation', message, detail: message, pointer: '/userMentions' });
  }
  return mentions;
}

/** The note an earlier attempt created: it carries the outbox item's id as externalId. */
async function findNote(client: KustomerPort, conversationId: string, externalId: string) {
  const notes = await client.listConversationNotes(conversationId, { pageSize: CHECK_PAGE_SIZE });
  return notes.data.find((note) => note.attributes.externalId === externalId)?.id;
}
