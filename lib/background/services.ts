import type { RequestHandlers } from '../messaging/server';
import { ServiceError } from '../service-error';
import { originOf } from '../url';
import { type ConnectionService, createConnectionService } from './connection';
import { createCredentialStore } from './connections-credentials';
import { lookupPageEverywhere } from './connections-fan-out';
import { createOrgLookupFactory } from './connections-lookup';
import { createOrgRegistry, type OrgRegistry } from './connections-registry';
import { browserKeyValueStorage, createConnectionsStore, type KeyValueStorage } from './connections-store';
import { createDiagnostics, type Diagnostics } from './diagnostics';
import { createHandlers } from './handlers';
import { createKustomerPort } from './kustomer-port';
import { createOrgServices, type OrgServices } from './org-services';
import { createOutbox, type Outbox } from './outbox';
import { createPageDetections, type PageDetections } from './page-detections';
import { createPanelIntents, type PanelIntents } from './panel-intent';
import type { Platform } from './platform';
import { createSettingsService, type SettingsService } from './settings';
import { createSiteAccess, type SiteAccess } from './site-access';

export interface BackgroundServices {
  connection: ConnectionService;
  registry: OrgRegistry;
  settings: SettingsService;
  orgs: OrgServices;
  detections: PageDetections;
  siteAccess: SiteAccess;
  outbox: Outbox;
  intents: PanelIntents;
  handlers: RequestHandlers;
  diagnostics: Diagnostics;
}

/**
 * Builds the background's services and wires them to each other, strictly one way: each service is built from
 * those it depends on, declared above it; a service that must hear of a change in one it depends on
 * subscribes to it (settings, connections) or is handed a callback here, and nothing calls into a service
 * declared below it. test/unit/architecture/services-wiring.test.ts checks this file for forward references.
 */
export function createBackgroundServices(
  platform: Platform,
  diagnostics: Diagnostics = createDiagnostics(platform.now),
  keyValues: KeyValueStorage = browserKeyValueStorage(),
): BackgroundServices {
  const now = platform.now ?? Date.now;
  const report = diagnostics.record;
  const connection = createConnectionService({
    flavour: platform.flavour,
    createClient: (baseUrl, auth) => createKustomerPort({ baseUrl, ...auth, fetch: platform.fetch }),
    identity: platform.identity,
    fetch: platform.fetch,
    alarms: platform.alarms,
    now,
    randomBytes: platform.randomBytes ?? ((length) => crypto.getRandomValues(new Uint8Array(length))),
    store: createConnectionsStore(keyValues),
    credentials: createCredentialStore(keyValues),
    storage: keyValues,
    onChange: (connections) => void platform.pushToPages({ event: 'connectionChanged', connections }),
    report,
  });
  const settings = createSettingsService();
  settings.subscribe((next) => platform.pushToPages({ event: 'settingsChanged', settings: next }));
  const siteAccess = createSiteAccess({
    apis: platform.siteApis,
    settings,
    stopDetection: (tabId) => platform.pushToTab(tabId, { event: 'stopDetection' }),
    report,
  });
  settings.subscribe(siteAccess.settingsChanged);
  // One runtime per organisation: its own client (limiters), lookups and cache; its token asked for by its id.
  const registry = createOrgRegistry({
    store: { read: connection.state },
    credentials: { get: connection.credentialsOf },
    createPort: (baseUrl, auth) => createKustomerPort({ baseUrl, ...auth, fetch: platform.fetch }),
    createLookup: createOrgLookupFactory({ settings: settings.get, now, report }),
    onUnauthorized: connection.onUnauthorized,
  });
  const orgs = createOrgServices(registry, settings, now, report);
  connection.onForget((id) => {
    registry.forget(id);
    orgs.forget(id);
  });
  const detections = createPageDetections({
    lookup: { lookupMany: async (keys, scope) => lookupPageEverywhere(await registry.all(), keys, scope) },
    badge: platform.badge,
    pageChanged: (tabId) => platform.pushToPages({ event: 'pageChanged', tabId }),
    knownEmails: (tabId, known, ignored) => platform.pushToTab(tabId, { event: 'knownEmails', known, ignored }),
    detectionActive: siteAccess.detectionActive,
    tabUrl: async (tabId) => (await platform.siteApis.tabs.get(tabId)).url,
    report,
  });
  settings.subscribe(async (next, previous) => {
    if (next.neverLookUpDomains.join() !== previous.neverLookUpDomains.join() || next.paused !== previous.paused) {
      await detections.refreshAll();
    }
  });
  const outbox = createOutbox({
    // Each item is sent by its own organisation's client; one whose organisation is gone is held.
    client: async (id) => {
      // Written before items named their organisation, and not the upgraded connection's: never sent anywhere.
      if (!id) throw new ServiceError({ kind: 'not_connected', message: '' });
      return (await registry.runtime(id)).port;
    },
    isConnected: async (id) => (await connection.state()).connections.some((entry) => entry.id === id),
    alarms: platform.alarms,
    now,
    newId: platform.newId ?? (() => crypto.randomUUID()),
    random: Math.random,
    onChange: (items) => platform.pushToPages({ event: 'outboxChanged', items }),
    destination: async (id) => (await connection.state()).connections.find((entry) => entry.id === id)?.baseUrl,
    // A write changes what a customer card shows (conversations, attributes); a new customer also
    // turns an unknown address on open pages into a known one.
    onSent: async (item) => {
      if (item.connectionId) await (await registry.runtime(item.connectionId)).lookup.clear();
      if (item.request.kind === 'createCustomer') await detections.refreshAll();
    },
    report,
  });
  // A panel intent's card is looked up at once in every organisation (or the site's), and its second part as
  // soon as one knows the customer.
  const intents = createPanelIntents(
    (intent) => platform.pushToPages({ event: 'panelIntent', intent }),
    (subject) =>
      void registry
        .all()
        .then((runtimes) =>
          Promise.all(
            runtimes.map(async ({ connection: { id }, lookup }) => {
              const card = await ('email' in subject
                ? lookup.lookup(subject.email)
                : lookup.lookupPhone(subject.phone));
              if (card) orgs.of(id).activity.prefetch(card.customer.id, card.customer.companyId);
            }),
          ),
        )
        .catch(diagnostics.swallow('lookup', 'prefetch')),
    async (pageUrl) => {
      const origin = originOf(pageUrl);
      const chosen = origin ? (await settings.get()).siteDefaultOrgs?.[origin] : undefined;
      const known = chosen && (await connection.state()).connections.some((entry) => entry.id === chosen);
      return known ? chosen : undefined;
    },
  );
  const handlers = createHandlers({
    connection,
    registry,
    orgs,
    detections,
    siteAccess,
    outbox,
    settings,
    intents,
    openPanel: platform.openPanel,
    diagnostics,
  });
  return { connection, registry, settings, orgs, detections, siteAccess, outbox, intents, handlers, diagnostics };
}
