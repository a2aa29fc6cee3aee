import { useCallback } from 'preact/hooks';
import { appDrafts } from '../../lib/ui/app-drafts';

/**
 * The text of one field, saved as a draft under `key` as the agent types.
 * Until the agent types, `fallback` is shown (a prefill such as the selected text).
 */
export function useDraft(key: string, fallback = ''): [string, (text: string) => void] {
  const store = appDrafts();
  const value = store.has(key) ? store.get(key) : fallback;
  const set = useCallback((text: string) => store.set(key, text), [store, key]);
  return [value, set];
}
