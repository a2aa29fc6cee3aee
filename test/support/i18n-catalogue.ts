import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

/** The locales folder of the repo: the same files the build turns into `_locales/<lang>/messages.json`. */
export const LOCALES_DIR = join(import.meta.dirname, '../../locales');

/** The Chrome message name → text, as `_locales/<locale>/messages.json` holds it after the build. */
export type ChromeMessages = Record<string, { message: string }>;

/** Every locale file in locales/ (`en`, `de`, `pt_BR`…). */
export function localeNames(): string[] {
  return readdirSync(LOCALES_DIR)
    .filter((file) => file.endsWith('.yml'))
    .map((file) => basename(file, extname(file)))
    .sort();
}

/** One locale's messages, through the module the build uses (so the test reads what ships). */
export async function chromeMessages(locale: string): Promise<ChromeMessages> {
  return generateChromeMessages(await parseMessagesFile(join(LOCALES_DIR, `${locale}.yml`))) as ChromeMessages;
}

/** `chrome.i18n.getMessage` over `messages` with Chrome's rules: `$1`…`$9`, `$$`, "" for an unknown name. */
export function getMessageFrom(messages: ChromeMessages, fallback?: ChromeMessages) {
  return (name: string, substitutions?: string | string[]): string => {
    const entry = messages[name] ?? fallback?.[name];
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
      which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
    );
  };
}
