import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../../lib/background/describe-error';
import { createBackgroundServices } from '../../../lib/background/services';
import type { OrgConnectionStatus } from '../../../lib/messaging/model';
import { handleRawMessage } from '../../../lib/messaging/server';
import { setConnections } from '../../../lib/ui/connection-store';
import { errorSentence } from '../../../lib/ui/error-words';
import { ADA } from '../../sandbox/fixtures';
import { speak } from '../../support/fake-language';
import { chromeMessages, getMessageFrom } from '../../support/i18n-catalogue';
import { sandboxForFile, sandboxPlatform } from './helpers';

/*
 * An organisation that is not (or no longer) connected, and one whose credential Kustomer refused, are reasons
 * the panel words in the agent's language with the organisation's label: the worker sends no English for them
 * (it sent "That organisation is no longer connected." and "Kustomer no longer accepts the saved API key…").
 */
const sandbox = sandboxForFile();
const english = await chromeMessages('en');
const german = await chromeMessages('de');
const inGerman = getMessageFrom(german);
const self = { id: 'ourid', origin: 'chrome-extension://ourid' };
const panel = { id: self.id, url: `${self.origin}/sidepanel.html` };

function services() {
  const built = createBackgroundServices(sandboxPlatform(sandbox));
  const send = (type: string, input: unknown = {}) =>
    handleRawMessage({ type, input }, panel, { self, handlers: built.handlers, describeError });
  return { built, send };
}

const brightwave = (method: 'apiKey' | 'oauth'): OrgConnectionStatus => ({
  id: 'org-bright',
  label: 'Brightwave',
  colour: 'green',
  state: 'connected',
  method,
  target: { kind: 'org', org: 'brightwave' },
  baseUrl: 'https://brightwave.api.kustomerapp.com',
  appUrl: 'https://brightwave.kustomerapp.com',
});

describe('errors about one organisation, in the agent’s language', () => {
  beforeAll(() => speak(german, 'de'));
  afterAll(() => {
    speak(english, 'en');
    setConnections([]);
  });

  it('a read naming an organisation that is gone is answered with its id and no sentence', async () => {
    const { send } = services();
    const answer = await send('getCustomer', { connectionId: 'org-gone', customerId: ADA.id });
    expect(answer).toEqual({ ok: false, error: { kind: 'not_connected', message: '', connectionId: 'org-gone' } });
  });

  it('the panel words “no longer connected” from the catalogue', () => {
    const sentence = errorSentence({ kind: 'not_connected', message: '', connectionId: 'org-gone' });
    expect(sentence).toBe(inGerman('error_org_notConnected'));
    expect(sentence).not.toMatch(/organisation/);
  });

  it('a refused credential is recorded as that organisation’s problem, worded with its label', async () => {
    const { built, send } = services();
    await send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
    const [connected] = await built.connection.list();
    if (!connected) throw new Error('not connected');
    expect(await built.connection.onUnauthorized(connected.id)).toBe(false);
    const [failing] = await built.connection.list();
    expect(failing).toMatchObject({
      state: 'error',
      error: { kind: 'unauthorized', message: '', connectionId: connected.id },
    });
    setConnections([{ ...brightwave('apiKey'), id: connected.id }]);
    const sentence = errorSentence(failing?.state === 'error' ? failing.error : { kind: 'internal', message: '' });
    expect(sentence).toBe(inGerman('error_org_keyRefused').replace('{org}', 'Brightwave'));
  });

  it('an OAuth sign-in that ended says so for that organisation', () => {
    setConnections([brightwave('oauth')]);
    const sentence = errorSentence({ kind: 'unauthorized', message: '', connectionId: 'org-bright' });
    expect(sentence).toContain('Brightwave');
    expect(sentence).toBe(inGerman('error_org_signInEnded').replace('{org}', 'Brightwave'));
  });
});
