import { signal } from '@preact/signals';
import { defineItem } from '../storage-item';

/** How the agent likes the side panel laid out (issue 17): remembered across panels and restarts. */
export interface PanelPrefs {
  /** A conversation's messages and notes: newest first (composer on top) or oldest first (composer below). */
  timelineOrder: 'newest' | 'oldest';
}

export const panelPrefsItem = defineItem<PanelPrefs>('local:panelPrefs', { fallback: { timelineOrder: 'newest' } });

/** The agent's layout choices; the stored value once read (the fallback until then). */
export const panelPrefs = signal<PanelPrefs>({ timelineOrder: 'newest' });
let loaded: Promise<void> | undefined;

/** Reads the stored choices once per panel. */
export function loadPanelPrefs(): Promise<void> {
  loaded ??= panelPrefsItem.getValue().then((value) => {
    panelPrefs.value = { ...panelPrefs.value, ...value };
  });
  return loaded;
}

/** Changes one choice now and remembers it. */
export async function setPanelPref<K extends keyof PanelPrefs>(key: K, value: PanelPrefs[K]): Promise<void> {
  panelPrefs.value = { ...panelPrefs.value, [key]: value };
  await panelPrefsItem.setValue(panelPrefs.value);
}
