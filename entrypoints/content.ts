import type { ScriptContext } from '../lib/content-script/context';
import { onPushEvent, request } from '../lib/messaging/client';
import { type ScanReporter, startPageDetection } from '../lib/page-scan';

/** Set on the isolated world's window while a scanner runs: a second injection replaces it, never adds one. */
const RUNNING = Symbol.for('kustomer-sidebar.page-detection');
type GuardedWindow = Window & { [RUNNING]?: AbortController };

const reporter: ScanReporter = {
  async detected(emails, url) {
    const { known, ignored } = await request('pageEmailsDetected', { emails, url });
    return { known: new Set(known), ignored: new Set(ignored) };
  },
  activate(email, how) {
    request('showCustomerFromPage', { email, how }).catch(() => undefined);
  },
  onStatus: (listener) =>
    onPushEvent('knownEmails', ({ known, ignored }) => listener({ known: new Set(known), ignored: new Set(ignored) })),
  onStop: (listener) => onPushEvent('stopDetection', listener),
};

export default defineContentScript({
  // Registered at runtime (scripting.registerContentScripts) only for sites the agent enabled.
  registration: 'runtime',
  matches: [],
  main(ctx: ScriptContext) {
    // A same-origin child frame is scanned by its parent's scanner (frameElement is null across origins).
    if (window.frameElement !== null) return;
    const guarded = window as GuardedWindow;
    guarded[RUNNING]?.abort();
    const controller = new AbortController();
    guarded[RUNNING] = controller;
    ctx.onInvalidated(() => controller.abort());
    controller.signal.addEventListener('abort', () => {
      if (guarded[RUNNING] === controller) delete guarded[RUNNING];
    });
    startPageDetection({ document, signal: controller.signal, reporter, onStopRequested: () => controller.abort() });
  },
});
