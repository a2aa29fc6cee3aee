import { browser } from 'wxt/browser';
import { t } from '../lib/i18n/t';

/** "Open options" as a real link: Chrome's own call focuses an options tab that is already open. */
export function OptionsLink({ children = t('common.optionsLink') }: { children?: string }) {
  return (
    <a
      href="/options.html"
      target="_blank"
      rel="noopener"
      onClick={(event) => {
        event.preventDefault();
        void browser.runtime.openOptionsPage();
      }}
    >
      {children}
    </a>
  );
}
