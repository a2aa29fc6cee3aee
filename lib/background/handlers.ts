import { MessageError } from '../messaging/errors';
import type { RequestHandlers } from '../messaging/server';
import type { PanelIntent } from '../view-models';
import type { CardActivity } from './card-activity';
import type { ConnectionService } from './connection';
import type { Diagnostics } from './diagnostics';
import type { Directory } from './directory';
import type { LookupService } from './lookup';
import type { Outbox } from './outbox';
import type { PageDetections } from './page-detections';
import type { PanelIntents } from './panel-intent';
import {
  companyDetail,
  conversationDetail,
  customerCard,
  customerConversations,
  kobjectGroups,
  type ReadDeps,
  searchCustomers,
} from './reads';
import type { SettingsService } from './settings';
import type { SiteAccess } from './site-access';

export interface HandlerDeps {
  connection: ConnectionService;
  lookup: LookupService;
  directory: Directory;
  detections: PageDetections;
  siteAccess: SiteAccess;
  outbox: Outbox;
  settings: SettingsService;
  intents: PanelIntents;
  activity: CardActivity;
  diagnostics: Diagnostics;
  /** Opens the side panel on a tab (a click on a page may carry the gesture it needs). */
  openPanel: (tabId: number) => void;
}

function senderTab(context: { sender: { tab?: { id?: number; url?: string } } }): { id: number; url?: string } {
  const id = context.sender.tab?.id;
  if (id === undefined) throw new MessageError({ kind: 'refused', message: 'Only a page in a tab may send this.' });
  return { id, url: context.sender.tab?.url };
}

/** Only the options page may read the diagnostics log; the side panel has no use for it. */
function optionsPageOnly(context: { sender: { url?: string } }): void {
  // The sender's origin is this extension's (lib/messaging/sender.ts); the path says which page it is.
  if (!context.sender.url?.endsWith('/options.html')) {
    throw new MessageError({ kind: 'refused', message: 'Only the options page may read this.' });
  }
}

/** The background's answer to every request of the protocol (lib/messaging/protocol.ts). */
export function createHandlers(deps: HandlerDeps): RequestHandlers {
  const { connection, lookup, directory, detections, siteAccess, outbox, settings, intents, diagnostics } = deps;
  const reads: ReadDeps = { client: connection.client, appUrl: connection.appUrl, directory };

  async function forgetCachedReads(): Promise<void> {
    directory.clear();
    await lookup.clear();
  }

  return {
    getConnection: () => connection.status(),
    async connectWithApiKey(input) {
      const status = await connection.connectWithApiKey(input);
      await forgetCachedReads();
      return status;
    },
    async connectWithOAuth(input) {
      const status = await connection.connectWithOAuth(input);
      await forgetCachedReads();
      return status;
    },
    testConnection: () => connection.testConnection(),
    async signOut() {
      const status = await connection.signOut();
      await forgetCachedReads();
      return status;
    },

    lookupEmail: ({ email, refresh }) => lookup.lookup(email, { refresh }),
    searchCustomers: ({ query }) => searchCustomers(reads, query),
    getCustomer: ({ customerId }) => customerCard(reads, customerId),
    getCustomerActivity: ({ customerId, companyId }) => deps.activity.get(customerId, companyId),
    getCompany: ({ companyId }) => companyDetail(reads, companyId),
    listConversations: ({ customerId, filter }) => customerConversations(reads, customerId, filter),
    getConversation: ({ conversationId }) => conversationDetail(reads, conversationId),
    listUsers: () => directory.users(),
    listSubStatuses: () => directory.subStatuses(),
    listKObjects: ({ customerId, companyId }) => kobjectGroups(reads, customerId, companyId),

    getPageCustomers: ({ tabId }) => detections.pageCustomers(tabId),
    async runDetectionOnTab({ tabId }) {
      await siteAccess.runOnTab(tabId);
      return detections.pageCustomers(tabId);
    },
    enableSite: ({ origin }) => siteAccess.enableSite(origin),
    disableSite: ({ origin }) => siteAccess.disableSite(origin),

    async enqueueWrite({ write }) {
      await connection.client();
      return outbox.enqueue(write);
    },
    getOutbox: () => outbox.list(),
    retryWrite: ({ id }) => outbox.retry(id),
    discardWrite: ({ id }) => outbox.discard(id),

    getSettings: () => settings.get(),
    updateSettings: ({ patch }) => settings.update(patch),
    async clearCache() {
      await forgetCachedReads();
      await detections.refreshAll();
      return undefined;
    },
    // The card of a showCustomer intent is not waited for here: the panel asks for it with `lookupEmail` the
    // moment it has the intent, and that request joins the lookup the click started (`intents.set`).
    async takePanelIntent() {
      const intent = await intents.take();
      return intent && { intent };
    },
    getDiagnostics(_input, context) {
      optionsPageOnly(context);
      return diagnostics.list();
    },
    async clearDiagnostics(_input, context) {
      optionsPageOnly(context);
      await diagnostics.clear();
      return undefined;
    },

    async pageEmailsDetected({ emails }, context) {
      const tab = senderTab(context);
      const frameId = context.sender.frameId ?? 0;
      const pageUrl = tab.url ?? context.sender.url ?? '';
      // A sandboxed frame has an opaque origin ("null"): it runs its own content script (issue 21, finding 4).
      const sandboxed = (context.sender as { origin?: string }).origin === 'null';
      return detections.report(tab.id, frameId, pageUrl, emails, sandboxed);
    },
    async showCustomerFromPage({ email, how }, context) {
      const tab = senderTab(context);
      // A hover only warms the cache: switching the panel while the agent reads it would be rude.
      if (how === 'hover') {
        void lookup.lookup(email).catch(diagnostics.swallow('lookup', 'hover'));
        return undefined;
      }
      // A click or key press on the page may let Chrome open the panel.
      deps.openPanel(tab.id);
      const intent: PanelIntent = { kind: 'showCustomer', email, source: 'page' };
      await intents.set(intent);
      return undefined;
    },
  };
}
