import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyHeadline } from '../../../components/history-view';
import { toHistory } from '../../../lib/background/history';
import type { AuditLogEventResource } from '../../../lib/kustomer/types';
import type { HistoryEntry } from '../../../lib/messaging/model';
import { speak } from '../../support/fake-language';
import { chromeMessages } from '../../support/i18n-catalogue';

/*
 * A history line names who changed the record. The worker knows only a user's id when the users list has no name
 * for it; the panel words that in the agent's language (it was an English "A user" built in the worker).
 */
const english = await chromeMessages('en');
const german = await chromeMessages('de');

const event = (userId: string | undefined): AuditLogEventResource =>
  ({
    type: 'auditLogEvent',
    id: `evt-${userId ?? 'none'}`,
    attributes: {
      createdAt: '2026-11-30T10:00:00.000Z',
      eventVerb: 'create',
      objectType: 'customer',
      ...(userId ? { userId } : {}),
    },
  }) as AuditLogEventResource;

const only = (entries: HistoryEntry[]): HistoryEntry => {
  const [entry] = entries;
  if (!entry) throw new Error('the event was left out');
  return entry;
};

describe('who changed a record, in the agent’s language', () => {
  beforeAll(() => speak(german, 'de'));
  afterAll(() => speak(english, 'en'));

  it('names a user the worker has no name for in German, not in English', () => {
    const entry = only(toHistory([event('user-gone')], new Map()));
    const headline = historyHeadline(entry);
    expect(headline).not.toContain('A user');
    expect(headline).toContain(german['panel_history_aUser']?.message ?? '(missing key)');
  });

  it('keeps a known user’s name and Kustomer itself apart', () => {
    const named = only(toHistory([event('user-ada')], new Map([['user-ada', 'Ada Agent']])));
    const system = only(toHistory([event(undefined)], new Map()));
    expect(historyHeadline(named)).toContain('Ada Agent');
    expect(historyHeadline(system)).toContain(german['panel_history_kustomer']?.message ?? '(missing key)');
  });
});
