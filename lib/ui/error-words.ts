import { t } from '../i18n/t';
import type { ErrorInfo } from '../messaging/model';
import { connectionOf } from './connection-store';

/**
 * The sentence of an error for the agent. The worker words most errors; an error about one organisation
 * (`connectionId`: signed out, or its credential refused) is a reason it leaves to the panel, which knows the
 * organisation's label and the agent's language.
 */
export function errorSentence(error: ErrorInfo): string {
  if (!error.connectionId) return error.message;
  if (error.kind === 'not_connected') return t('error.org.notConnected');
  const org = connectionOf(error.connectionId);
  if (error.kind !== 'unauthorized' || !org) return error.message || t('error.org.notConnected');
  return t(org.method === 'oauth' ? 'error.org.signInEnded' : 'error.org.keyRefused', { org: org.label });
}
