import { describe, expect, it } from 'vitest';
import { conversationChanges } from '../../../components/conversation-update-form';
import type { ConversationSummary } from '../../../lib/messaging/model';

const before: ConversationSummary = {
  id: 'c1',
  customerId: 'cu1',
  subject: 'Refund',
  status: 'open',
  subStatusId: 'ss-waiting',
  priority: 3,
  assigneeIds: [],
  assigneeNames: [],
  channels: [],
  messageCount: 1,
};

describe('conversation changes', () => {
  it('sets a new sub-status by id', () => {
    expect(
      conversationChanges(before, { status: 'open', subStatusId: 'ss-other', priority: 3, assigneeId: '' }),
    ).toEqual({
      subStatusId: 'ss-other',
    });
  });

  it('never asks to clear a sub-status (subStatus: null is not valid in the spec): only the status goes', () => {
    const changes = conversationChanges(before, { status: 'done', subStatusId: '', priority: 3, assigneeId: '' });
    expect(changes).toEqual({ status: 'done' });
    expect(changes).not.toHaveProperty('subStatusId');
  });
});
