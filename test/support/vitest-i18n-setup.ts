import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessageFrom } from './i18n-catalogue';

/**
 * The fake browser has no `i18n`: unit tests read the English catalogue (locales/en.yml) through the same
 * conversion the build uses, so components render the words an agent sees.
 */
const english = await chromeMessages('en');
const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
i18n.getMessage = getMessageFrom(english);
i18n.getUILanguage = () => 'en';
