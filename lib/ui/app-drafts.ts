import { defineItem } from '../storage-item';
import { markBoot } from './boot-marks';
import { createDraftStore, type Draft, type DraftStore } from './drafts';

/** Text the agent is typing, per target (e.g. `note:<conversationId>`), kept across restarts. */
export const draftsItem = defineItem<Record<string, Draft>>('local:drafts', { fallback: {} });

let store: DraftStore | undefined;

/** The drafts of this page, created on first use from `draftsItem`. */
export function appDrafts(): DraftStore {
  store ??= createDraftStore({
    getValue: () => draftsItem.getValue(),
    setValue: (value) => draftsItem.setValue(value),
    watch: (callback) => draftsItem.watch((value) => callback(value)),
  });
  void store.ready.then(() => markBoot('drafts'));
  return store;
}

/** Replaces the drafts store (tests, or a page that wants its own). */
export function setAppDrafts(next: DraftStore | undefined): void {
  store = next;
}
