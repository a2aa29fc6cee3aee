import { applyDocumentLocale } from '../lib/i18n/document';
import { sendBootRequests } from '../lib/ui/panel-boot';

/**
 * A classic script at the top of the side panel's page: it runs as soon as the HTML is parsed, while the
 * browser loads and compiles the panel's modules (most of its time to first paint), and sends the panel's
 * first requests meanwhile (lib/ui/panel-boot.ts), and sets the page's language and direction before it paints.
 */
export default defineUnlistedScript(() => {
  sendBootRequests();
  applyDocumentLocale();
});
