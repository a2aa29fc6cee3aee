import { t } from '../i18n/t';
import { safeHttpUrl } from '../url';
import type { DraftStore } from './drafts';
import { draftKeys } from './drafts';
import type { QuickNoteIntent } from './router';

/** Draft key of the page a quick note came from. */
export const QUICK_NOTE_SOURCE_KEY = 'quicknote:source';

/**
 * Keeps a quick-note intent as the quick-note draft at once, so it survives the panel closing.
 * A new selection is added below an unsaved note, never replacing it.
 */
export function mergeQuickNoteIntent(drafts: DraftStore, intent: QuickNoteIntent): void {
  const key = draftKeys.quickNote();
  const text = intent.text.trim();
  if (text !== '') {
    const previous = drafts.get(key);
    drafts.set(key, previous === '' ? text : previous.includes(text) ? previous : `${previous}\n\n${text}`);
  }
  if (intent.sourceUrl && safeHttpUrl(intent.sourceUrl)) drafts.set(QUICK_NOTE_SOURCE_KEY, intent.sourceUrl);
}

/** The note body as sent: the text, then the page it came from (http(s) only). */
export function quickNoteBody(text: string, sourceUrl: string | undefined, includeSource: boolean): string {
  const url = safeHttpUrl(sourceUrl);
  return includeSource && url ? `${text.trimEnd()}\n\n${t('panel.quickNote.sourceLine', { url })}` : text;
}
