import { t } from '../i18n/t';
import type { ConnectionId, PanelIntent, SearchHit, Settings, WriteRequest } from '../messaging/model';
import type { RequestHandlers } from '../messaging/server';
import { phoneKey } from '../phone/candidates';
import { toE164 } from '../phone/validate';
import { ServiceError } from '../service-error';
import { connectionPanelMemoryItem } from '../storage';
import type { ConnectionService } from './connection';
import { lookupEmailEverywhere, lookupPhoneEverywhere } from './connections-fan-out';
import type { OrgRegistry } from './connections-registry';
import type { CustomerSearch } from './customer-search';
import { describeError } from './describe-error';
import type { Diagnostics } from './diagnostics';
import type { LookupService } from './lookup';
import type { OrgParts, OrgServices } from './org-services';
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
} from './reads';
import type { SettingsService } from './settings';
import type { SiteAccess } from './site-access';

export interface HandlerDeps {
  connection: ConnectionService;
  /** Each organisation's runtime: its client and lookups. */
  registry: OrgRegistry;
  /** Each organisation's reads, reference data, searches and card activity. */
  orgs: Pick<OrgServices, 'of' | 'clear'>;
  detections: PageDetections;
  siteAccess: SiteAccess;
  outbox: Outbox;
  settings: SettingsService;
  intents: PanelIntents;
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
  throw new ServiceError({
    kind: 'invalid_message',
    message: t('error.service.notAPhone', { written: written.slice(0, 40) }),
  });
}

/** Nothing connected at all: the panel shows its connect screen. */
function notConnectedAtAll(): ServiceError {
  return new ServiceError({ kind: 'not_connected', message: t('error.service.notConnected') });
}

/**
 * One organisation's search. A number in any written form (`020 7946 0018`) is also looked up by E.164, which
 * finds customers whose stored form differs from what was typed; that customer comes first.
 */
async function searchOne(
  search: CustomerSearch,
  lookup: Pick<LookupService, 'lookupPhone'>,
  query: string,
): Promise<SearchHit[]> {
  const byPhone = looksLikePhone(query) ? lookup.lookupPhone(query).catch(() => null) : Promise.resolve(null);
  const [card, found] = await Promise.all([byPhone, search.search(query)]);
  if (!card) return found;
  const hit = found.find((customer) => customer.id === card.customer.id) ?? {
    ...card.customer,
    connectionId: card.connectionId,
    match: { field: 'phone' as const, value: query },
  };
  return [hit, ...found.filter((customer) => customer !== hit)];
}

/** The background's answer to every request of the protocol (lib/messaging/protocol.ts). */
export function createHandlers(deps: HandlerDeps): RequestHandlers {
  const { connection, registry, orgs, detections, siteAccess, outbox, settings, intents, diagnostics } = deps;

  /**
   * The organisation a request names, or `not_connected` (with its id, for the panel to word) when it is not or
   * no longer connected. Checked against the list kept in memory: no credential is read on this path.
   */
  async function connected(connectionId: ConnectionId): Promise<OrgParts> {
    await connection.find(connectionId);
    return orgs.of(connectionId);
  }

  /** "Clear cache": every organisation's cached reads, and its recent customers and last screen (issue 17). */
  async function forgetCachedReads(): Promise<void> {
    orgs.clear();
    const runtimes = await registry.all();
    await Promise.all(
      runtimes.flatMap(({ lookup, connection: { id } }) => [
        lookup.clear(),
        connectionPanelMemoryItem(id).removeValue(),
      ]),
    );
  }

  /** Every connection's lookups, in the agent's order (none: answered `not_connected`). */
  const everyOrg = () => registry.all();
  /** Every organisation, or the one named (none connected by that id: `not_connected`). */
  const among = async (id: ConnectionId | undefined) =>
    (await everyOrg()).filter((runtime) => id === undefined || runtime.connection.id === id);

  return {
    getConnections: () => connection.list(),
    connectWithApiKey: (input) => connection.connectWithApiKey(input),
    connectWithOAuth: ({ clientSecret, scope, ...input }) =>
      connection.connectWithOAuth({
        ...input,
        ...(clientSecret === undefined ? {} : { clientSecret }),
        ...(scope === undefined ? {} : { scope }),
      }),
    testConnection: ({ connectionId }) => connection.testConnection(connectionId),
    updateConnection: ({ connectionId, label, colour }) =>
      connection.updateConnection(connectionId, {
        ...(label === undefined ? {} : { label }),
        ...(colour === undefined ? {} : { colour }),
      }),
    moveConnection: ({ connectionId, index }) => connection.moveConnection(connectionId, index),
    // Its drafts, recent customers and last screen go with its other data (`removeData`); no other's do.
    signOut: ({ connectionId }) => connection.signOut(connectionId),

    lookupEmail: async ({ email, refresh, connectionId }) =>
      lookupEmailEverywhere(await among(connectionId), email, { refresh }),
    lookupPhone: async ({ phone, refresh, connectionId }) =>
      lookupPhoneEverywhere(await among(connectionId), phone, { refresh }),
    async searchCustomers({ query }) {
      const runtimes = await everyOrg();
      if (runtimes.length === 0) throw notConnectedAtAll();
      const settled = await Promise.allSettled(
        runtimes.map((runtime) => searchOne(orgs.of(runtime.connection.id).search, runtime.lookup, query)),
      );
      const hits = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
      // One organisation down must not hide the others' customers, nor pass for having none: its failure comes
      // with the hits. Found nothing while one did not answer is that failure (worded with its host), not "no
      // customer matches": the customer may be in it.
      const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed && hits.length === 0) throw failed.reason;
      const unanswered = runtimes.flatMap((runtime, index) => {
        const outcome = settled[index];
        return outcome?.status === 'rejected'
          ? [{ connectionId: runtime.connection.id, error: describeError(outcome.reason) }]
          : [];
      });
      return { hits, unanswered };
    },
    getCustomer: async ({ connectionId, customerId }) =>
      customerCard((await connected(connectionId)).reads, customerId),
    getCustomerActivity: async ({ connectionId, customerId, companyId }) =>
      (await connected(connectionId)).activity.get(customerId, companyId),
    getCompany: async ({ connectionId, companyId }) => companyDetail((await connected(connectionId)).reads, companyId),
    listConversations: async ({ connectionId, customerId, filter }) =>
      customerConversations((await connected(connectionId)).reads, customerId, filter),
    getConversation: async ({ connectionId, conversationId }) =>
      conversationDetail((await connected(connectionId)).reads, conversationId),
    // Agents only: a machine user (an API key's identity) is named on what it wrote but never assigned or mentioned.
    listUsers: async ({ connectionId }) =>
      (await (await connected(connectionId)).directory.users()).filter((user) => !user.machine),
    getCustomerHistory: async ({ connectionId, customerId }) =>
      customerHistory((await connected(connectionId)).reads, customerId),
    listKlassForms: async ({ connectionId }) => klassForms((await connected(connectionId)).reads),
    listSubStatuses: async ({ connectionId }) => (await connected(connectionId)).directory.subStatuses(),
    listKObjects: async ({ connectionId, customerId, companyId }) =>
      kobjectGroups((await connected(connectionId)).reads, customerId, companyId),

    getPageCustomers: ({ tabId }) => detections.pageCustomers(tabId),
    async runDetectionOnTab({ tabId }) {
      await siteAccess.runOnTab(tabId);
      return detections.pageCustomers(tabId);
    },
    enableSite: ({ origin }) => siteAccess.enableSite(origin),
    disableSite: ({ origin }) => siteAccess.disableSite(origin),

    async enqueueWrite({ connectionId, write, about }) {
      const org = await connection.find(connectionId);
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
        const warm =
          'email' in input
            ? lookupEmailEverywhere(await everyOrg(), input.email)
            : lookupPhoneEverywhere(await everyOrg(), input.phone);
        void warm.catch(diagnostics.swallow('lookup', 'hover'));
        return undefined;
      }
      // A click or key press on the page may let Chrome open the panel.
      deps.openPanel(tab.id);
      const intent: PanelIntent =
        'email' in input
          ? { kind: 'showCustomer', email: input.email, source: 'page' }
          : { kind: 'showPhone', phone: input.phone, source: 'page' };
      await intents.set(intent, tab.url);
      return undefined;
    },
    async detectionOptions(_input, context) {
      const tab = senderTab(context);
      return { phones: phonesOnFor(tab.url ?? context.sender.url ?? '', await settings.get()) };
    },
  };
}
