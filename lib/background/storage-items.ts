import { storage } from 'wxt/utils/storage';

/**
 * Background-only items that lib/storage.ts does not declare. Session storage: they describe open
 * tabs, which end with the browser; the worker may be stopped any time in between.
 */

/** Per tab, per frame: the addresses each frame's content script reported (a tab's list is their union). */
export const frameEmailsItem = storage.defineItem<Record<string, Record<string, string[]>>>('session:frameEmails', {
  fallback: {},
});
