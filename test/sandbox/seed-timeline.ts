import { ADA, AGENT, GRACE, MACHINE_USER, MARGARET } from './fixtures';
import { DAY, iso, SEED_NOW, type SeedContext } from './seed-context';
import { CHANNELS, INBOUND_TEXTS, NOTE_TEXTS, OUTBOUND_TEXTS, SUBJECTS, TAGS } from './seed-data';
import type { Conversation, ConversationStatus, Customer, Direction, Message, Note } from './types';

/** The timeline fields of a conversation with no message or note yet (fresh arrays each call). */
export function newConversationTimeline(): Pick<
  Conversation,
  'channels' | 'messageCount' | 'noteCount' | 'preview' | 'lastMessageIn' | 'lastMessageOut'
> {
  return { channels: [], messageCount: 0, noteCount: 0, preview: '', lastMessageIn: null, lastMessageOut: null };
}

/** Conversations with their messages and notes, in every status. */
export function seedTimeline(context: SeedContext): void {
  const { store, random, past, by } = context;
  const agentIds = [...store.users.values()].filter((user) => user.userType === 'user').map((user) => user.id);
  const subStatusesFor = (status: ConversationStatus) =>
    [...store.subStatuses.values()].filter((s) => s.resourceType === 'conversation' && s.parentStatus === status);

  const addConversation = (spec: {
    id?: string;
    customer: Customer;
    status: ConversationStatus;
    priority?: Conversation['priority'];
    assignedUsers?: string[];
    createdAt: number;
    messageCount?: number;
    subject?: string;
  }) => {
    const createdAt = spec.createdAt;
    const id = spec.id ?? random.objectId(createdAt);
    const subStatus = random.chance(0.8) ? random.pick(subStatusesFor(spec.status)) : undefined;
    const { channel, app } = random.pick(CHANNELS);
    const conversation: Conversation = {
      id,
      customer: spec.customer.id,
      name: spec.subject ?? random.pick(SUBJECTS),
      externalId: null,
      status: spec.status,
      subStatus: subStatus?.id ?? null,
      priority: spec.priority ?? (random.int(1, 5) as Conversation['priority']),
      direction: 'in',
      assignedUsers: spec.assignedUsers ?? (random.chance(0.7) ? [random.pick(agentIds)] : []),
      assignedTeams: [],
      tags: random.sample(TAGS, random.int(0, 2)),
      ...newConversationTimeline(),
      lastActivityAt: iso(createdAt),
      snoozedUntil: spec.status === 'snoozed' ? iso(SEED_NOW + random.int(1, 14) * DAY) : null,
      closedAt: null,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      ...by,
    };
    store.conversations.set(id, conversation);
    let at = createdAt;
    const count = spec.messageCount ?? random.int(1, 5);
    for (let index = 0; index < count; index++) {
      const direction: Direction = index % 2 === 0 ? 'in' : 'out';
      const onChannel = random.chance(0.8) ? { channel, app } : random.pick(CHANNELS);
      at = Math.min(SEED_NOW - 60_000, at + random.int(5, 60 * 24) * 60_000);
      const message: Message = {
        id: random.objectId(at),
        conversation: id,
        customer: spec.customer.id,
        channel: onChannel.channel,
        app: onChannel.app,
        direction,
        preview: direction === 'in' ? random.pick(INBOUND_TEXTS) : random.pick(OUTBOUND_TEXTS),
        subject: onChannel.channel === 'email' ? conversation.name : null,
        externalId: null,
        sentAt: iso(at),
        createdAt: iso(at),
        updatedAt: iso(at),
        createdBy: direction === 'out' ? (conversation.assignedUsers[0] ?? AGENT.id) : MACHINE_USER.id,
        modifiedBy: MACHINE_USER.id,
      };
      store.messages.set(message.id, message);
      recordMessageOnConversation(conversation, message);
    }
    for (let index = random.int(0, 2); index > 0; index--) {
      at = Math.min(SEED_NOW - 30_000, at + random.int(1, 120) * 60_000);
      const mentioned = random.chance(0.4) ? [random.pick(agentIds)] : [];
      const author = random.pick(agentIds);
      const note: Note = {
        id: random.objectId(at),
        conversation: id,
        customer: spec.customer.id,
        body: random.pick(NOTE_TEXTS),
        userMentions: mentioned.map((user) => ({ user })),
        attachments: [],
        externalId: null,
        createdAt: iso(at),
        updatedAt: iso(at),
        createdBy: author,
        modifiedBy: author,
      };
      store.notes.set(note.id, note);
      conversation.noteCount += 1;
    }
    if (spec.status === 'done') conversation.closedAt = iso(Math.min(SEED_NOW, at + 3_600_000));
    conversation.updatedAt = iso(Math.min(SEED_NOW, at + 3_600_000));
    return conversation;
  };

  const adaCustomer = store.customers.get(ADA.id);
  const graceCustomer = store.customers.get(GRACE.id);
  const margaretCustomer = store.customers.get(MARGARET.id);
  if (!adaCustomer || !graceCustomer || !margaretCustomer) throw new Error('fixed customers missing');
  addConversation({
    id: ADA.openConversationId,
    customer: adaCustomer,
    status: 'open',
    priority: 4,
    assignedUsers: [AGENT.id],
    createdAt: SEED_NOW - 2 * DAY,
    messageCount: 3,
    subject: 'Refund for damaged item',
  });
  addConversation({
    id: ADA.secondOpenConversationId,
    customer: adaCustomer,
    status: 'open',
    priority: 2,
    assignedUsers: [],
    createdAt: SEED_NOW - 6 * DAY,
    messageCount: 2,
    subject: 'Change of delivery address',
  });
  addConversation({
    id: ADA.doneConversationId,
    customer: adaCustomer,
    status: 'done',
    priority: 3,
    createdAt: SEED_NOW - 40 * DAY,
    messageCount: 4,
    subject: 'Invoice missing VAT number',
  });
  addConversation({
    id: GRACE.snoozedConversationId,
    customer: graceCustomer,
    status: 'snoozed',
    priority: 5,
    createdAt: SEED_NOW - 3 * DAY,
    messageCount: 2,
  });
  addConversation({
    id: GRACE.doneConversationId,
    customer: graceCustomer,
    status: 'done',
    priority: 1,
    createdAt: SEED_NOW - 90 * DAY,
    messageCount: 3,
  });
  for (let index = 0; index < MARGARET.conversationCount; index++) {
    addConversation({
      customer: margaretCustomer,
      status: index < 5 ? 'open' : 'done',
      createdAt: SEED_NOW - (index + 1) * DAY - index * 3_600_000,
      messageCount: 1,
    });
  }
  const statuses: ConversationStatus[] = ['open', 'open', 'snoozed', 'done', 'done'];
  for (const customer of [...store.customers.values()].slice(5)) {
    for (let count = random.int(0, 4); count > 0; count--) {
      addConversation({
        customer,
        status: random.pick(statuses),
        createdAt: Math.max(Date.parse(customer.createdAt), past(365, 1)),
      });
    }
  }
}

/** Keeps a conversation's summary fields (counts, preview, last message times, channels) in step with a new message. */
export function recordMessageOnConversation(conversation: Conversation, message: Message): void {
  if (conversation.messageCount === 0) conversation.direction = message.direction;
  conversation.messageCount += 1;
  conversation.preview = message.preview.slice(0, 200);
  if (!conversation.channels.includes(message.channel)) conversation.channels.push(message.channel);
  if (message.direction === 'in') conversation.lastMessageIn = { sentAt: message.sentAt };
  else conversation.lastMessageOut = { sentAt: message.sentAt };
  conversation.lastActivityAt = message.sentAt;
  conversation.updatedAt = message.createdAt;
}
