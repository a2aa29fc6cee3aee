import { useCallback } from 'preact/hooks';
import { appDrafts, type DraftsOwner, draftsOf } from '../../lib/ui/app-drafts';

/**
 * The text of one field, saved as a draft under `key` as the agent types, in the drafts of `owner`: by default
 * the organisation the screen works on (the card's), so a record id in the key is only ever met in its own.
 * Until the agent types, `fallback` is shown (a prefill such as the selected text).
 */
export function useDraft(key: string, fallback = '', owner?: DraftsOwner): [string, (text: string) => void] {
  const store = owner ? draftsOf(owner) : appDrafts();
  const value = store.has(key) ? store.get(key) : fallback;
  const set = useCallback((text: string) => store.set(key, text), [store, key]);
  return [value, set];
}
