import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { draftKeys } from '../lib/ui/drafts';
import { ComposerSubmit, checkLength, LengthCounter, saveOnShortcut, saveOnSubmit } from './composer';
import { useDraft } from './hooks/use-draft';
import { useEnqueue } from './hooks/use-enqueue';
import { ComposerOrgOnDemand } from './org-views-on-demand';
import { ErrorNotice } from './status-views';

/** Channels Kustomer records messages for (API.md), each with its name's key; the agent may log what happened elsewhere. */
const CHANNELS = {
  email: 'email',
  sms: 'sms',
  chat: 'chat',
  voice: 'voice',
  whatsapp: 'whatsapp',
  facebook: 'facebook',
  instagram: 'instagram',
  'twitter-dm': 'twitterDm',
} as const;

/**
 * Logs a message on the conversation's timeline (e.g. an outbound email sent from elsewhere, or an
 * inbound call). Creating a message through the API delivers nothing (API.md).
 */
export function MessageForm({ customerId, conversationId }: { customerId: string; conversationId: string }) {
  const draftKey = draftKeys.message(conversationId);
  const [text, setText] = useDraft(draftKey);
  const [channel, setChannel] = useState('email');
  const [app, setApp] = useState('kustomer-sidebar');
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const subjectKey = draftKeys.messageSubject(conversationId);
  const [subject, setSubject] = useDraft(subjectKey);
  const enqueue = useEnqueue();
  const id = (name: string) => `message-${name}-${conversationId}`;
  // A message's preview has the same limit as a note body (API.md, "Message" and "Note").
  const length = checkLength(text);

  const save = async () => {
    if (text.trim() === '' || enqueue.busy || length.over) return;
    await enqueue.submit(
      {
        kind: 'createMessage',
        conversationId,
        customerId,
        channel,
        app: app.trim() || 'kustomer-sidebar',
        direction,
        preview: text,
        ...(channel === 'email' && subject.trim() ? { subject: subject.trim() } : {}),
      },
      [draftKey, subjectKey],
      t('panel.messageForm.queued'),
    );
  };

  return (
    <form class="stack composer" onSubmit={saveOnSubmit(save)}>
      <ComposerOrgOnDemand kind="message" />
      <div class="grid-2">
        <div>
          <label for={id('channel')}>{t('panel.messageForm.channel')}</label>
          <select id={id('channel')} value={channel} onChange={(event) => setChannel(event.currentTarget.value)}>
            {Object.entries(CHANNELS).map(([option, name]) => (
              <option key={option} value={option}>
                {t(`panel.messageForm.channels.${name}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={id('app')}>{t('panel.messageForm.app')}</label>
          <input id={id('app')} value={app} spellcheck={false} onInput={(event) => setApp(event.currentTarget.value)} />
        </div>
      </div>
      <fieldset class="choice">
        <legend>{t('panel.messageForm.direction')}</legend>
        <label class="inline">
          <input type="radio" name={id('direction')} checked={direction === 'in'} onChange={() => setDirection('in')} />
          {t('panel.messageForm.inbound')}
        </label>
        <label class="inline">
          <input
            type="radio"
            name={id('direction')}
            checked={direction === 'out'}
            onChange={() => setDirection('out')}
          />
          {t('panel.messageForm.outbound')}
        </label>
      </fieldset>
      {channel === 'email' && (
        <>
          <label for={id('subject')}>{t('panel.messageForm.subject')}</label>
          <input id={id('subject')} value={subject} onInput={(event) => setSubject(event.currentTarget.value)} />
        </>
      )}
      <label for={id('text')}>{t('panel.messageForm.message')}</label>
      <textarea
        id={id('text')}
        rows={3}
        value={text}
        aria-describedby={id('length')}
        aria-invalid={length.over || undefined}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={saveOnShortcut(save)}
      />
      <LengthCounter id={id('length')} check={length} />
      {enqueue.error && <ErrorNotice error={enqueue.error} />}
      <ComposerSubmit
        label={t('panel.messageForm.submit')}
        blocked={enqueue.busy || text.trim() === ''}
        check={length}
        counterId={id('length')}
      />
    </form>
  );
}
