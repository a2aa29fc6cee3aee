import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import type { ConversationStatus } from '../lib/messaging/model';
import { draftKeys } from '../lib/ui/drafts';
import { useDraft } from './hooks/use-draft';
import { useEnqueue } from './hooks/use-enqueue';
import { PrioritySelect } from './priority-select';
import { useRouter } from './router-context';
import { StatusSelect } from './status-select';
import { ErrorNotice } from './status-views';
import { tNodes } from './t-nodes';
import { UserText } from './user-text';
import { ViewHeading } from './view-heading';

/** "vip, refund ,," → ["vip", "refund"] */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** Starts a conversation with a customer: subject, priority, status, tags. */
export function NewConversationView({ customerId, customerName }: { customerId: string; customerName: string }) {
  const router = useRouter();
  const draftKey = draftKeys.newConversation(customerId);
  const [subject, setSubject] = useDraft(draftKey);
  const [priority, setPriority] = useState(3);
  const [status, setStatus] = useState<ConversationStatus>('open');
  const [tags, setTags] = useState('');
  const enqueue = useEnqueue();

  return (
    <>
      <ViewHeading>
        {tNodes('panel.newConversation.heading', { name: <UserText text={customerName} identity /> })}
      </ViewHeading>
      <form
        class="stack"
        onSubmit={async (event) => {
          event.preventDefault();
          if (subject.trim() === '') return;
          const tagList = parseTags(tags);
          const item = await enqueue.submit(
            {
              kind: 'createConversation',
              customerId,
              subject: subject.trim(),
              priority,
              status,
              ...(tagList.length ? { tags: tagList } : {}),
            },
            [draftKey],
            t('panel.newConversation.queued'),
          );
          if (item) router.back();
        }}
      >
        <label for="new-conversation-subject">{t('panel.newConversation.subject')}</label>
        <input
          id="new-conversation-subject"
          value={subject}
          required
          maxLength={255}
          onInput={(event) => setSubject(event.currentTarget.value)}
        />
        <div class="grid-2">
          <div>
            <label for="new-conversation-priority">{t('panel.conversationFields.priority')}</label>
            <PrioritySelect id="new-conversation-priority" value={priority} onChange={setPriority} />
          </div>
          <div>
            <label for="new-conversation-status">{t('panel.conversationFields.status')}</label>
            <StatusSelect id="new-conversation-status" value={status} onChange={setStatus} />
          </div>
        </div>
        <label for="new-conversation-tags">{t('panel.newConversation.tags')}</label>
        <input
          id="new-conversation-tags"
          value={tags}
          aria-describedby="new-conversation-tags-hint"
          onInput={(event) => setTags(event.currentTarget.value)}
        />
        <p id="new-conversation-tags-hint" class="hint">
          {t('panel.newConversation.tagsHint')}
        </p>
        {enqueue.error && <ErrorNotice error={enqueue.error} />}
        <button type="submit" class="primary" disabled={enqueue.busy || subject.trim() === ''}>
          {t('panel.newConversation.submit')}
        </button>
      </form>
    </>
  );
}
