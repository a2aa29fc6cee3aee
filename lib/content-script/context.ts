import { browser } from 'wxt/browser';

/**
 * What the content script's `main` receives: the one part of WXT's `ContentScriptContext` it uses.
 * `wxt.config.ts` swaps WXT's class for {@link ContentScriptContext} below in the content script's build, so
 * `main` is typed with this narrower interface: a call to WXT's other helpers fails to type-check instead of
 * failing at run time.
 */
export interface ScriptContext {
  /** Runs `callback` once this script is replaced by a newer injection (an update or reload of the extension). */
  onInvalidated(callback: () => void): void;
}

/**
 * The content script's stand-in for WXT's `ContentScriptContext` (wxt 0.21), which also brings interval,
 * timeout, frame, idle and listener wrappers and a location watcher (about 0.6 KB gzip of the 8 KB budget).
 * It keeps WXT's hand-over to a newer injection word for word, so that a build with WXT's class and a build
 * with this one stop each other: the newer script announces itself with an event on the document (shared by
 * every isolated world, including an orphaned one from before an update) and an older script with the same
 * name stops when it hears it. Unlike WXT it does not also `window.postMessage` that announcement, which gave
 * every page where detection runs the extension's id.
 */
export class ContentScriptContext implements ScriptContext {
  private readonly controller = new AbortController();

  constructor(contentScriptName: string) {
    // WXT names the event after the extension and the entrypoint ("content" in the build).
    const started = `${browser.runtime.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;
    const messageId = Math.random().toString(36).slice(2);
    document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName, messageId } }));
    const onStarted = (event: Event) => {
      const detail = event instanceof CustomEvent ? event.detail : undefined;
      if (detail?.contentScriptName === contentScriptName && detail.messageId !== messageId) this.controller.abort();
    };
    document.addEventListener(started, onStarted, { signal: this.controller.signal });
  }

  onInvalidated(callback: () => void): void {
    this.controller.signal.addEventListener('abort', callback);
  }
}
