import { t } from '../i18n/t';

/** What the agent reads about a bulk job in the outbox: Kustomer's status of it, in words. */
export function bulkProgressText(state: string, progress: string | undefined): string {
  if (state === 'sent') return t('panel.bulk.progress.done');
  if (state === 'failed') return t('panel.bulk.progress.failed');
  if (progress === 'running') return t('panel.bulk.progress.running');
  if (progress === 'queued') return t('panel.bulk.progress.queued');
  return t('panel.bulk.progress.waiting');
}
