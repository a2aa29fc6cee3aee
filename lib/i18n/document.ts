import { browser } from '@wxt-dev/browser';
import { uiLanguage } from './intl';

/**
 * Gives an extension page the language and direction of its strings, before its first paint: `lang` for screen
 * readers and hyphenation, `dir` so an RTL language lays the page out from the right (the CSS uses logical
 * properties). `@@bidi_dir` is Chrome's own message for the UI language's direction.
 */
export function applyDocumentLocale(root: HTMLElement = document.documentElement): void {
  root.lang = uiLanguage();
  root.dir = browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}
