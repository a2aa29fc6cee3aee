import { browser } from '@wxt-dev/browser';

/**
 * `i18n.getMessage` for a message name in Chrome's form (`panel_history_empty`); "" when no locale has it.
 * @wxt-dev/browser types the names as Chrome's predefined ones only, so the cast lives here once.
 */
export const getMessage = (name: string): string => (browser.i18n.getMessage as (name: string) => string)(name);
