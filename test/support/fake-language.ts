import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type ChromeMessages, chromeMessages, getMessageFrom } from './i18n-catalogue';

const english = await chromeMessages('en');
const i18n = fakeBrowser.i18n as unknown as { getMessage: unknown; getUILanguage: unknown };

/** The fake browser speaks `language` with `messages`, falling back to English for a missing one, as Chrome does. */
export function speak(messages: ChromeMessages, language: string): void {
  i18n.getMessage = getMessageFrom(messages, english);
  i18n.getUILanguage = () => language;
}
