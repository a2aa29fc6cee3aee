/**
 * Steps of the side panel's way to its first customer card, as User Timing marks (`ks:<step>`), so that
 * `bench/lookup-latency.ts` (and DevTools' Performance panel) can say where the time went. Only the first
 * mark of each step counts; a mark is a few hundred nanoseconds.
 */
export type BootStep =
  | 'boot-requests'
  | 'modules'
  | 'first-render'
  | 'connection'
  | 'drafts'
  | 'card-asked'
  | 'card-answered';

export function markBoot(step: BootStep): void {
  performance.mark(`ks:${step}`);
}
