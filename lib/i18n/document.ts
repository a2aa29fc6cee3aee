import { getMessage } from './message';

/**
 * Gives an extension page the language and direction of its strings, before its first paint: `lang` for screen
 * readers and hyphenation, `dir` so an RTL language lays the page out from the right (the CSS uses logical
 * properties). Both come from the catalogue (`locale.code`, `locale.dir`), not from Chrome's `@@bidi_dir`, which
 * follows the browser UI and not the strings (headless Chromium keeps en-US under --lang=ar). Only `getMessage`:
 * this runs in the side panel's boot script, which stays tiny.
 */
export function applyDocumentLocale(root: HTMLElement = document.documentElement): void {
  root.lang = getMessage('locale_code') || 'en';
  root.dir = getMessage('locale_dir') === 'rtl' ? 'rtl' : 'ltr';
}
