import { lookupCacheItem, tabDetectionsItem } from './storage-items';

/** Storage's "quota exceeded" (Chrome: "Resource::kQuotaBytes quota exceeded"). */
const isQuotaError = (error: unknown) => error instanceof Error && /quota/i.test(error.message);

/**
 * Room in `storage.session` for what must be written whatever pages did: sign-in state and panel intents
 * (issue 21, finding 4). Page data (tabs' addresses, cached lookups) is bounded (`MAX_PAGE_DATA_CHARS`,
 * `MAX_CACHED_LOOKUPS`), so it normally leaves most of the area free; if the area is full anyway, the page
 * data goes (each tab's addresses come back with its next report, lookups with the next look) and the write is
 * tried once more. The outbox and drafts are in `storage.local`, where no page data goes.
 */
export async function writeWithRoom(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    const tabs = await tabDetectionsItem.getValue();
    for (const [id, entry] of Object.entries(tabs)) tabs[id] = { ...entry, frames: {} };
    await tabDetectionsItem.setValue(tabs);
    await lookupCacheItem.removeValue();
    await write();
  }
}
