import type {
  ConnectionId,
  ConnectionStatus,
  OrgConnectionStatus,
  PanelIntent,
  Settings,
  WriteRequest,
} from '../messaging/model';
import type { RequestHandlers } from '../messaging/server';
import { phoneKey } from '../phone/candidates';
import { toE164 } from '../phone/validate';
import { ServiceError } from '../service-error';
import { panelMemoryItem } from '../storage';
import type { CardActivity } from './card-activity';
import type { ConnectionService } from './connection';
import { askEverywhere } from './connections-fan-out';
import { createCustomerSearch } from './customer-search';
import type { Diagnostics } from './diagnostics';
import type { Directory } from './directory';
import type { LookupService } from './lookup';
import type { Outbox } from './outbox';
import type { PageDetections } from './page-detections';
import type { PanelIntents } from './panel-intent';
import { defaultCountry, PHONE_KEY_PREFIX, phonesOnFor } from './phones';
import {
  companyDetail,
  conversationDetail,
  customerCard,
  customerConversations,
  customerHistory,
  klassForms,
  kobjectGroups,
  type ReadDeps,
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
  if (id === undefined) throw new ServiceError({ kind: 'refused', message: 'Only a page in a tab may send this.' });
  return { id, url: context.sender.tab?.url };
}

/** Digits, spaces and phone punctuation only, with at least 7 digits. */
function looksLikePhone(text: string): boolean {
  return /^[\d\s+().\-/]+$/.test(text.trim()) && phoneKey(text).replace('+', '').length >= 7;
}

/** Numbers in writes are stored and logged in E.164 (read in the agent's country); a call needs a valid one. */
async function withE164(write: WriteRequest, current: Settings): Promise<WriteRequest> {
  if (write.kind !== 'logCall' && !(write.kind === 'createCustomer' && write.phone)) return write;
  const written = write.phone ?? '';
  const e164 = toE164(written, defaultCountry(current));
  if (e164) return { ...write, phone: e164 };
  if (write.kind === 'createCustomer') return write;
  throw new ServiceError({ kind: 'invalid_message', message: `${written.slice(0, 40)} is not a phone number.` });
}

/** The single connection's id until the background holds several (the upgrade's `org-0`). */
export const SINGLE_CONNECTION: ConnectionId = 'org-0';

/** The single connection as the protocol's list of organisations. */
export function connectionList(status: ConnectionStatus): OrgConnectionStatus[] {
  if (status.state === 'disconnected') return [];
  const label = status.orgName ?? new URL(status.baseUrl).host;
  return [{ ...status, id: SINGLE_CONNECTION, label, colour: 'blue' }];
}

function only(status: ConnectionStatus): OrgConnectionStatus {
  const [first] = connectionList(status);
  if (!first) throw new ServiceError({ kind: 'not_connected', message: 'Connect a Kustomer organisation first.' });
  return first;
}

/** The background's answer to every request of the protocol (lib/messaging/protocol.ts). */
export function createHandlers(deps: HandlerDeps): RequestHandlers {
  const { connection, lookup, directory, detections, siteAccess, outbox, settings, intents, diagnostics } = deps;
  const reads: ReadDeps = {
    connectionId: SINGLE_CONNECTION,
    client: connection.client,
    appUrl: connection.appUrl,
    directory,
  };
  const customerSearch = createCustomerSearch({
    connectionId: SINGLE_CONNECTION,
    client: connection.client,
    searchAttribute: async () => (await settings.get()).searchAttribute || undefined,
  });

  /** The organisations a lookup asks: none before a connection exists (answered `not_connected`). */
  const everyOrg = async () =>
    connectionList(await connection.status()).map((org) => ({ connection: { id: org.id }, lookup }));
  /** Every organisation, or the one named (none connected by that id: `not_connected`). */
  const among = async (id: ConnectionId | undefined) =>
    (await everyOrg()).filter((org) => id === undefined || org.connection.id === id);

  /** The organisation a request names, or `not_connected` when it is not (or no longer) connected. */
  async function connected(connectionId: ConnectionId): Promise<OrgConnectionStatus> {
    const found = connectionList(await connection.status()).find((entry) => entry.id === connectionId);
    if (!found) {
      throw new ServiceError({ kind: 'not_connected', message: 'That organisation is no longer connected.' });
    }
    return found;
  }

  async function forgetCachedReads(): Promise<void> {
    directory.clear();
    customerSearch.clear();
    await lookup.clear();
    // The recent customers belong to the connection they were read through (issue 17).
    await panelMemoryItem.removeValue();
  }

  return {
    getConnections: async () => connectionList(await connection.status()),
    async connectWithApiKey({ target, apiKey }) {
      const status = await connection.connectWithApiKey({ target, apiKey });
      await forgetCachedReads();
      return only(status);
    },
    async connectWithOAuth({ target, clientId, clientSecret, scope }) {
      const status = await connection.connectWithOAuth({
        target,
        clientId,
        ...(clientSecret === undefined ? {} : { clientSecret }),
        ...(scope === undefined ? {} : { scope }),
      });
      await forgetCachedReads();
      return only(status);
    },
    async testConnection({ connectionId }) {
      await connected(connectionId);
      return only(await connection.testConnection());
    },
    async updateConnection({ connectionId }) {
      await connected(connectionId);
      return connectionList(await connection.status());
    },
    async moveConnection({ connectionId }) {
      await connected(connectionId);
      return connectionList(await connection.status());
    },
    async signOut({ connectionId }) {
      await connected(connectionId);
      const status = await connection.signOut();
      await forgetCachedReads();
      return connectionList(status);
    },

    lookupEmail: async ({ email, refresh, connectionId }) =>
      askEverywhere(await among(connectionId), (each) => each.lookup(email, { refresh })),
    lookupPhone: async ({ phone, refresh, connectionId }) =>
      askEverywhere(await among(connectionId), (each) => each.lookupPhone(phone, { refresh })),
    async searchCustomers({ query }) {
      // A number in any written form (`020 7946 0018`) is also looked up by E.164, which finds customers
      // whose stored form differs from what was typed; that customer comes first.
      const byPhone = looksLikePhone(query) ? lookup.lookupPhone(query).catch(() => null) : Promise.resolve(null);
      const [card, found] = await Promise.all([byPhone, customerSearch.search(query)]);
      if (!card) return found;
      const hit = found.find((customer) => customer.id === card.customer.id) ?? {
        ...card.customer,
        connectionId: card.connectionId,
        match: { field: 'phone' as const, value: query },
      };
      return [hit, ...found.filter((customer) => customer !== hit)];
    },
    getCustomer: async ({ connectionId, customerId }) => {
      await connected(connectionId);
      return customerCard(reads, customerId);
    },
    getCustomerActivity: async ({ connectionId, customerId, companyId }) => {
      await connected(connectionId);
      return deps.activity.get(customerId, companyId);
    },
    getCompany: async ({ connectionId, companyId }) => {
      await connected(connectionId);
      return companyDetail(reads, companyId);
    },
    listConversations: async ({ connectionId, customerId, filter }) => {
      await connected(connectionId);
      return customerConversations(reads, customerId, filter);
    },
    getConversation: async ({ connectionId, conversationId }) => {
      await connected(connectionId);
      return conversationDetail(reads, conversationId);
    },
    // Agents only: a machine user (an API key's identity) is named on what it wrote but never assigned or mentioned.
    listUsers: async ({ connectionId }) => {
      await connected(connectionId);
      return (await directory.users()).filter((user) => !user.machine);
    },
    getCustomerHistory: async ({ connectionId, customerId }) => {
      await connected(connectionId);
      return customerHistory(reads, customerId);
    },
    listKlassForms: async ({ connectionId }) => {
      await connected(connectionId);
      return klassForms(reads);
    },
    listSubStatuses: async ({ connectionId }) => {
      await connected(connectionId);
      return directory.subStatuses();
    },
    listKObjects: async ({ connectionId, customerId, companyId }) => {
      await connected(connectionId);
      return kobjectGroups(reads, customerId, companyId);
    },

    getPageCustomers: ({ tabId }) => detections.pageCustomers(tabId),
    async runDetectionOnTab({ tabId }) {
      await siteAccess.runOnTab(tabId);
      return detections.pageCustomers(tabId);
    },
    enableSite: ({ origin }) => siteAccess.enableSite(origin),
    disableSite: ({ origin }) => siteAccess.disableSite(origin),

    async enqueueWrite({ connectionId, write, about }) {
      const org = await connected(connectionId);
      await connection.client();
      return outbox.enqueue(await withE164(write, await settings.get()), { ...about, org: org.label }, connectionId);
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
    // Sent by the options page only (its sender rule in lib/messaging/protocol.ts).
    getDiagnostics: () => diagnostics.list(),
    async clearDiagnostics() {
      await diagnostics.clear();
      return undefined;
    },

    async pageEmailsDetected({ emails, phones = [] }, context) {
      const tab = senderTab(context);
      const frameId = context.sender.frameId ?? 0;
      const pageUrl = tab.url ?? context.sender.url ?? '';
      // A sandboxed frame has an opaque origin ("null"): it runs its own content script (issue 21, finding 4).
      const sandboxed = (context.sender as { origin?: string }).origin === 'null';
      const phoneKeys = phones.map((phone) => PHONE_KEY_PREFIX + phone);
      // Phone detection turned off while the page ran: its numbers are neither stored nor looked up, and
      // answered as ignored so that their marks go.
      if (phoneKeys.length > 0 && !phonesOnFor(pageUrl, await settings.get())) {
        const answer = await detections.report(tab.id, frameId, pageUrl, emails, sandboxed);
        return { known: answer.known, ignored: [...answer.ignored, ...phoneKeys] };
      }
      return detections.report(tab.id, frameId, pageUrl, [...emails, ...phoneKeys], sandboxed);
    },
    async showCustomerFromPage(input, context) {
      const tab = senderTab(context);
      // A hover only warms the cache: switching the panel while the agent reads it would be rude.
      if (input.how === 'hover') {
        const warm = 'email' in input ? lookup.lookup(input.email) : lookup.lookupPhone(input.phone);
        void warm.catch(diagnostics.swallow('lookup', 'hover'));
        return undefined;
      }
      // A click or key press on the page may let Chrome open the panel.
      deps.openPanel(tab.id);
      const intent: PanelIntent =
        'email' in input
          ? { kind: 'showCustomer', email: input.email, source: 'page' }
          : { kind: 'showPhone', phone: input.phone, source: 'page' };
      await intents.set(intent);
      return undefined;
    },
    async detectionOptions(_input, context) {
      const tab = senderTab(context);
      return { phones: phonesOnFor(tab.url ?? context.sender.url ?? '', await settings.get()) };
    },
  };
}
