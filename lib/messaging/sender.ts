import type { Runtime } from 'webextension-polyfill';
import { parseUrl } from '../url';
import type { SenderKind } from './protocol';

export interface ExtensionIdentity {
  /** `browser.runtime.id` */
  id: string;
  /** `chrome-extension://<id>` */
  origin: string;
}

/** The options page's path in the build (WXT's `entrypoints/options`). */
export const OPTIONS_PAGE_PATH = '/options.html';

/**
 * Classifies who sent a runtime message. Anything that is not this extension's own page or its own
 * content script (web pages, other extensions, sandboxed frames) is `null` and gets refused. The options page
 * is told apart by its path (its origin is the extension's, like every other page of it).
 */
export function classifySender(sender: Runtime.MessageSender, self: ExtensionIdentity): SenderKind | null {
  if (sender.id !== self.id) return null;
  const url = parseUrl(sender.url);
  // `URL.origin` is "null" for non-special schemes outside Chrome, so compare scheme and host.
  if (url && `${url.protocol}//${url.host}` === self.origin) {
    return url.pathname === OPTIONS_PAGE_PATH ? 'options-page' : 'extension-page';
  }
  // Content scripts always come from a tab's frame with an http(s) document.
  if (sender.tab?.id !== undefined && typeof sender.frameId === 'number' && url && /^https?:$/.test(url.protocol)) {
    return 'content-script';
  }
  return null;
}
