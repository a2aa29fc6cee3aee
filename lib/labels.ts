import { plural, t } from './i18n/t';
import type { ConversationStatus, CustomAttributeType, WriteRequest } from './messaging/model';

/*
 * Words the agent reads, built from Kustomer names and what the agent typed. Pure and shared: the worker labels
 * custom attributes and names a quick note's conversation; the panel describes queued writes (the worker does
 * not need those sentences, and its bundle has a 25 KB budget).
 */

const PRIORITY_NAMES = { 1: 'lowest', 2: 'low', 3: 'normal', 4: 'high', 5: 'urgent' } as const;

/** "High (4)" for a Kustomer priority 1…5, in the agent's language. */
export function priorityLabel(priority: number): string {
  const name = PRIORITY_NAMES[priority as keyof typeof PRIORITY_NAMES] ?? 'unknown';
  return t('common.priority.label', { name: t(`common.priority.${name}`), priority });
}

/** Kustomer types a custom attribute by the suffix of its name. */
export const CUSTOM_ATTRIBUTE_SUFFIXES: readonly CustomAttributeType[] = ['Bool', 'Str', 'Txt', 'Num', 'Url', 'At'];

/** "loyaltyTierStr" → "Loyalty tier"; "vip_levelNum" → "Vip level". */
export function attributeLabel(key: string): string {
  const suffix = CUSTOM_ATTRIBUTE_SUFFIXES.find(
    (candidate) => key.endsWith(candidate) && key.length > candidate.length,
  );
  const base = suffix ? key.slice(0, -suffix.length) : key;
  const words = base
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Subject of the conversation a quick note creates: the note's first non-empty line, shortened. */
export function subjectFromNote(body: string): string {
  const line =
    body
      .split(/\r?\n/)
      .find((candidate) => candidate.trim() !== '')
      ?.trim() ?? t('panel.quickNote.note');
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** "snoozed, priority high (4), assigned to 2 agents" for the outbox list. */
function describeConversationChanges(changes: {
  status?: ConversationStatus;
  subStatusId?: string;
  priority?: number;
  assigneeIds?: string[];
}): string {
  const parts: string[] = [];
  if (changes.status) parts.push(t(`panel.outbox.change.${changes.status}`));
  if (changes.subStatusId) parts.push(t('panel.outbox.change.subStatus'));
  if (changes.priority !== undefined)
    parts.push(t('panel.outbox.change.priority', { priority: priorityLabel(changes.priority).toLowerCase() }));
  if (changes.assigneeIds) {
    const count = changes.assigneeIds.length;
    parts.push(count === 0 ? t('panel.outbox.change.unassigned') : plural('panel.outbox.change.assigned', count));
  }
  return parts.join(t('panel.outbox.listSeparator')) || t('panel.outbox.change.none');
}

/** One line for the outbox list, e.g. "Note “Refund for order 1042”" (the quotation marks are the language's). */
export function summariseWrite(request: WriteRequest): string {
  const short = (text: string, max = 60) => {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
  };
  const fields = (changes: object) => Object.keys(changes).map(attributeLabel).join(t('panel.outbox.listSeparator'));
  switch (request.kind) {
    case 'createNote':
      return request.conversationId
        ? t('panel.outbox.write.note', { text: short(request.body) })
        : t('panel.outbox.write.noteInNewConversation', {
            text: short(request.body),
            subject: subjectFromNote(request.body),
          });
    case 'createConversation':
      return t('panel.outbox.write.newConversation', { subject: short(request.subject) });
    case 'createMessage':
      return t('panel.outbox.write.message', { text: short(request.preview) });
    case 'updateConversation':
      return t('panel.outbox.write.updateConversation', { changes: describeConversationChanges(request.changes) });
    case 'updateCustomerAttributes':
      return t('panel.outbox.write.updateCustomer', { fields: fields(request.changes) });
    case 'createCustomer':
      return t('panel.outbox.write.newCustomer', {
        name: request.name,
        contact: request.email ?? request.phone ?? '',
      });
    case 'logCall':
      return t(request.direction === 'in' ? 'panel.outbox.write.callFrom' : 'panel.outbox.write.callTo', {
        phone: request.phone,
        notes: short(request.notes),
      });
    case 'updateNote':
      return t('panel.outbox.write.editNote', { text: short(request.body) });
    case 'deleteNote':
      return t('panel.outbox.write.deleteNote');
    case 'updateCompanyAttributes':
      return t('panel.outbox.write.updateCompany', { fields: fields(request.changes) });
    case 'createKObject':
      return t('panel.outbox.write.newKObject', {
        klass: attributeLabel(request.klassName).toLowerCase(),
        title: short(request.title),
      });
    case 'bulkUpdateConversations':
      return plural('panel.outbox.write.bulkUpdate', request.conversationIds.length, {
        changes: describeConversationChanges(request.changes),
      });
  }
}
