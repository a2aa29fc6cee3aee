import type { PanelIntent } from '../messaging/model';
import { withTarget } from './context-menus';
import type { Report } from './diagnostics';
import type { GestureTab } from './gesture-tab';
import type { SelectionContext } from './selection-context';

/** Manifest command ids (wxt.config.ts). */
export const QUICK_NOTE_COMMAND = 'quick-note';

export interface CommandDeps {
  /** Opens the side panel; must run synchronously inside the command's gesture. */
  openPanel: (tabId: number) => void;
  /** The page's selection and what it shows around it (scripting.executeScript, the command's activeTab grant). */
  selectionOf: (tabId: number) => Promise<SelectionContext | undefined>;
  /** Saves the intent; `pageUrl` picks the site's default organisation when one is set. */
  setIntent: (intent: PanelIntent, pageUrl?: string) => Promise<void>;
  /** The diagnostics log: why the selection could not be read. */
  report?: Report;
}

/** Runs a keyboard command: `quick-note` opens the panel, then prefills a quick note with the selection. */
export function handleCommand(command: string, tab: GestureTab | undefined, deps: CommandDeps): Promise<void> {
  if (command !== QUICK_NOTE_COMMAND || tab?.id === undefined || tab.id < 0) return Promise.resolve();
  const tabId = tab.id;
  deps.openPanel(tabId);
  return (async () => {
    // Pages the extension may not script (chrome://, the Web Store) still get an empty quick note.
    const context = await deps.selectionOf(tabId).catch((error: unknown) => {
      deps.report?.('commands', 'selection', error);
      return undefined;
    });
    const intent: PanelIntent = { kind: 'quickNote', text: (context?.text ?? '').trim() };
    if (tab.url && /^https?:/.test(tab.url)) intent.sourceUrl = tab.url;
    if (tab.title) intent.sourceTitle = tab.title;
    await deps.setIntent(withTarget(intent, context), tab.url);
  })();
}
