import type { ScriptContext } from '../lib/content-script/context';
import { onPushEvent, request } from '../lib/messaging/client';
import { placeHostEarly, type ScanReporter, startPageDetection } from '../lib/page-scan';
import { PHONE_KEY_PREFIX } from '../lib/phone/candidates';

/** Set on the isolated world's window while a scanner runs: a second injection replaces it, never adds one. */
const RUNNING = Symbol.for('kustomer-sidebar.page-detection');
type GuardedWindow = Window & { [RUNNING]?: AbortController };

const reporter: ScanReporter = {
  // Occurrence keys are addresses or `tel:<digits>`: the protocol carries the two kinds apart.
  async detected(keys, url) {
    const emails = keys.filter((key) => !key.startsWith(PHONE_KEY_PREFIX));
    const phones = keys
      .filter((key) => key.startsWith(PHONE_KEY_PREFIX))
      .map((key) => key.slice(PHONE_KEY_PREFIX.length));
    const { known, ignored } = await request('pageEmailsDetected', {
      emails,
      ...(phones.length > 0 ? { phones } : {}),
      url,
    });
    return { known: new Set(known), ignored: new Set(ignored) };
  },
  activate(key, how) {
    const input = key.startsWith(PHONE_KEY_PREFIX)
      ? { phone: key.slice(PHONE_KEY_PREFIX.length), how }
      : { email: key, how };
    request('showCustomerFromPage', input).catch(() => undefined);
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
    const start = (phones: boolean) => {
      if (controller.signal.aborted) return;
      startPageDetection({
        document,
        signal: controller.signal,
        reporter,
        phones,
        onStopRequested: () => controller.abort(),
      });
    };
    // On enabled sites the script runs at document_start: the overlay's host goes in before the page's first
    // layout (inserted into a laid-out page it costs a frame in proportion to the page), and the scan starts
    // once the document is parsed, as it did at document_idle. Run once on a tab, the page is already loaded.
    const loading = document.readyState === 'loading';
    if (loading) placeHostEarly(document, controller.signal);
    const parsed = new Promise<void>((resolve) => {
      if (loading) document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
      else resolve();
    });
    // Phone detection may be off for this site or everywhere (options); emails are scanned either way.
    const phones = request('detectionOptions').then(
      (options) => options.phones,
      () => false,
    );
    Promise.all([phones, parsed]).then(([withPhones]) => start(withPhones));
  },
});
