import { browser } from '@wxt-dev/browser';

/**
 * `i18n.getMessage` for a message name in Chrome's form (`panel_history_empty`); "" when no locale has it.
 * @wxt-dev/browser types the names as Chrome's predefined ones only, so the cast lives here once.
 */
export const getMessage = (name: string): string =>
  // Outside an extension (the sandbox CLI, benchmarks) there is no catalogue: text stays empty rather than throwing.
  (browser?.i18n?.getMessage as ((name: string) => string) | undefined)?.(name) ?? '';
