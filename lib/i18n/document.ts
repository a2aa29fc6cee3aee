import { uiLanguage } from './intl';
import { t } from './t';

/**
 * Gives an extension page the language and direction of its strings, before its first paint: `lang` for screen
 * readers and hyphenation, `dir` so an RTL language lays the page out from the right (the CSS uses logical
 * properties). The direction is the catalogue's (`locale.dir`), not Chrome's `@@bidi_dir`, which follows the browser
 * UI and not the strings (headless Chromium keeps en-US under --lang=ar).
 */
export function applyDocumentLocale(root: HTMLElement = document.documentElement): void {
  root.lang = uiLanguage();
  root.dir = t('locale.dir') === 'rtl' ? 'rtl' : 'ltr';
}
