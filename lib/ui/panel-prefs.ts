import { signal } from '@preact/signals';
import { type PanelPrefs, panelPrefsItem } from '../storage';

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
