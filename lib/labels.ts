import type { CustomAttributeType, WriteRequest } from './messaging/model';

/*
 * Words the agent reads, built from Kustomer names and what the agent typed. Pure and shared: the worker labels
 * custom attributes and names a quick note's conversation; the panel describes queued writes (the worker does
 * not need those sentences, and its bundle has a 25 KB budget).
 */

const PRIORITY_NAMES: Record<number, string> = { 1: 'Lowest', 2: 'Low', 3: 'Normal', 4: 'High', 5: 'Urgent' };

/** "High (4)" for a Kustomer priority 1…5. */
export function priorityLabel(priority: number): string {
  return `${PRIORITY_NAMES[priority] ?? 'Priority'} (${priority})`;
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
      ?.trim() ?? 'Note';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** "snoozed, priority high (4), assigned to 2 agents" for the outbox list. */
function describeConversationChanges(changes: {
  status?: string;
  subStatusId?: string;
  priority?: number;
  assigneeIds?: string[];
}): string {
  const parts: string[] = [];
  if (changes.status) parts.push(changes.status);
  if (changes.subStatusId) parts.push('new sub-status');
  if (changes.priority !== undefined) parts.push(`priority ${priorityLabel(changes.priority).toLowerCase()}`);
  if (changes.assigneeIds) {
    const count = changes.assigneeIds.length;
    parts.push(count === 0 ? 'unassigned' : `assigned to ${count} ${count === 1 ? 'agent' : 'agents'}`);
  }
  return parts.join(', ') || 'no change';
}

/** One line for the outbox list, e.g. "Note “Refund for order 1042”". */
export function summariseWrite(request: WriteRequest): string {
  const quote = (text: string, max = 60) => {
    const line = text.replace(/\s+/g, ' ').trim();
    return `“${line.length > max ? `${line.slice(0, max - 1)}…` : line}”`;
  };
  switch (request.kind) {
    case 'createNote':
      return request.conversationId
        ? `Note ${quote(request.body)}`
        : `Note ${quote(request.body)} in a new conversation “${subjectFromNote(request.body)}”`;
    case 'createConversation':
      return `New conversation ${quote(request.subject)}`;
    case 'createMessage':
      return `Message ${quote(request.preview)}`;
    case 'updateConversation':
      return `Update conversation: ${describeConversationChanges(request.changes)}`;
    case 'updateCustomerAttributes':
      return `Update customer: ${Object.keys(request.changes).map(attributeLabel).join(', ')}`;
    case 'createCustomer':
      return `New customer ${request.name} <${request.email ?? request.phone ?? ''}>`;
    case 'logCall':
      return `${request.direction === 'in' ? 'Call from' : 'Call to'} ${request.phone}: ${quote(request.notes)}`;
    case 'updateNote':
      return `Edit note ${quote(request.body)}`;
    case 'deleteNote':
      return 'Delete a note';
    case 'updateCompanyAttributes':
      return `Update company: ${Object.keys(request.changes).map(attributeLabel).join(', ')}`;
    case 'createKObject':
      return `New ${attributeLabel(request.klassName).toLowerCase()} ${quote(request.title)}`;
    case 'bulkUpdateConversations': {
      const count = request.conversationIds.length;
      return `Update ${count} ${count === 1 ? 'conversation' : 'conversations'}: ${describeConversationChanges(request.changes)}`;
    }
  }
}
