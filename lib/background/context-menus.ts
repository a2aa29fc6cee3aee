import { emailsFromMailto, findEmails } from '../email';
import { t } from '../i18n/t';
import type { PanelIntent } from '../messaging/model';
import { findPhoneCandidates, PHONE_KEY_PREFIX, phoneKeyFromTel } from '../phone/candidates';
import type { GestureTab } from './gesture-tab';
import { type SelectionContext, targetEmail } from './selection-context';

export const MENU_LOOKUP_SELECTION = 'kustomer-lookup-selection';
export const MENU_LOOKUP_MAILTO = 'kustomer-lookup-mailto';
export const MENU_ADD_NOTE = 'kustomer-add-note';

interface MenuItem {
  id: string;
  /** Shown in the browser's language (`%s` is the selection); MENU_ITEMS holds the catalogue key. */
  title: string;
  contexts: ['selection' | 'link', ...('selection' | 'link')[]];
  targetUrlPatterns?: string[];
}

type MenuTitle = 'menu.lookUpSelection' | 'menu.lookUpLink' | 'menu.addNote';

/** The part of `contextMenus` this module uses. */
export interface ContextMenusApi {
  removeAll(): Promise<void> | void;
  create(item: MenuItem): unknown;
}

/** What a click carries (`contextMenus.OnClickData`, reduced). */
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
  pageUrl?: string;
  /** The frame the right-click happened in (0: the top frame). */
  frameId?: number;
}

export interface MenuDeps {
  /** Opens the side panel; must run synchronously inside the click (Chrome drops the gesture after an await). */
  openPanel: (tabId: number) => void;
  /** Saves the intent; `pageUrl` picks the site's default organisation when one is set. */
  setIntent: (intent: PanelIntent, pageUrl?: string) => Promise<void>;
  /** What the page shows around the selection (visible text only decides a quick note's customer). */
  selectionContextOf?: (tabId: number, frameId?: number) => Promise<SelectionContext | undefined>;
}

/** The context menus; Chrome can't show an item only for selections containing an email, so the click checks. */
export const MENU_ITEMS: readonly (MenuItem & { title: MenuTitle })[] = [
  { id: MENU_LOOKUP_SELECTION, title: 'menu.lookUpSelection', contexts: ['selection'] },
  {
    id: MENU_LOOKUP_MAILTO,
    title: 'menu.lookUpLink',
    contexts: ['link'],
    targetUrlPatterns: ['mailto:*', 'tel:*'],
  },
  { id: MENU_ADD_NOTE, title: 'menu.addNote', contexts: ['selection'] },
];

/** (Re)creates the menus; call on install and on browser start (menus persist, ids must not clash). */
export async function createContextMenus(api: ContextMenusApi): Promise<void> {
  await api.removeAll();
  for (const item of MENU_ITEMS) api.create({ ...item, title: t(item.title) });
}

/** What a click asks the panel to show, or null when the selection holds no address. */
export function intentForClick(click: MenuClick, tab: GestureTab | undefined): PanelIntent | null {
  if (click.menuItemId === MENU_LOOKUP_SELECTION) {
    const selection = click.selectionText ?? '';
    const email = findEmails(selection)[0]?.email;
    if (email) return { kind: 'showCustomer', email, source: 'contextMenu' };
    // A selected phone number, in any written form: the panel's lookup reads it in the agent's country.
    const [number] = findPhoneCandidates(selection);
    return number
      ? { kind: 'showPhone', phone: selection.slice(number.start, number.end), source: 'contextMenu' }
      : null;
  }
  if (click.menuItemId === MENU_LOOKUP_MAILTO) {
    const email = emailsFromMailto(click.linkUrl ?? '')[0];
    if (email) return { kind: 'showCustomer', email, source: 'contextMenu' };
    const key = phoneKeyFromTel(click.linkUrl ?? '');
    return key ? { kind: 'showPhone', phone: key.slice(PHONE_KEY_PREFIX.length), source: 'contextMenu' } : null;
  }
  if (click.menuItemId === MENU_ADD_NOTE) {
    const text = (click.selectionText ?? '').trim();
    if (!text) return null;
    const intent: PanelIntent = { kind: 'quickNote', text };
    const sourceUrl = click.pageUrl ?? tab?.url;
    if (sourceUrl) intent.sourceUrl = sourceUrl;
    if (tab?.title) intent.sourceTitle = tab.title;
    // No customer from the raw selection text: it may carry an address the agent cannot see (issue 21,
    // finding 5). handleMenuClick adds one from what the page shows.
    return intent;
  }
  return null;
}

/**
 * Handles a menu click: opens the panel first, synchronously (no await before it, or Chrome refuses
 * `sidePanel.open` for lack of a user gesture), then saves the intent the panel picks up.
 */
export function handleMenuClick(click: MenuClick, tab: GestureTab | undefined, deps: MenuDeps): Promise<void> {
  const intent = intentForClick(click, tab);
  if (!intent || tab?.id === undefined || tab.id < 0) return Promise.resolve();
  deps.openPanel(tab.id);
  const pageUrl = click.pageUrl ?? tab.url;
  if (intent.kind !== 'quickNote' || !deps.selectionContextOf) return deps.setIntent(intent, pageUrl);
  const read = deps.selectionContextOf(tab.id, click.frameId);
  return read.then(
    (context) => deps.setIntent(withTarget(intent, context), pageUrl),
    () => deps.setIntent(intent, pageUrl),
  );
}

/** A quick note with the customer address the page shows in or nearest the selection, and where it was. */
export function withTarget(intent: PanelIntent, context: SelectionContext | undefined): PanelIntent {
  const target = context && intent.kind === 'quickNote' ? targetEmail(context) : undefined;
  return target && intent.kind === 'quickNote' ? { ...intent, email: target.email, emailFrom: target.from } : intent;
}
