import { sendBootRequests } from '../lib/ui/panel-boot';

/**
 * A classic script at the top of the side panel's page: it runs as soon as the HTML is parsed, while the
 * browser loads and compiles the panel's modules (most of its time to first paint), and sends the panel's
 * first requests meanwhile (lib/ui/panel-boot.ts).
 */
export default defineUnlistedScript(() => sendBootRequests());
