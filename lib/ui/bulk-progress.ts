/** What the agent reads about a bulk job in the outbox: Kustomer's status of it, in words. */
export function bulkProgressText(state: string, progress: string | undefined): string {
  if (state === 'sent') return 'Done: every selected conversation was updated.';
  if (state === 'failed') return 'Not finished: see the Outbox.';
  if (progress === 'running') return 'Kustomer is updating the conversations…';
  if (progress === 'queued') return 'Kustomer has queued the job…';
  return 'Waiting to be sent…';
}
