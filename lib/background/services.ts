import type { RequestHandlers } from '../messaging/server';
import { createCardActivity } from './card-activity';
import { type ConnectionService, createConnectionService } from './connection';
import { createDiagnostics, type Diagnostics } from './diagnostics';
import { createDirectory, type Directory } from './directory';
import { connectionList, createHandlers, SINGLE_CONNECTION } from './handlers';
import { createKustomerPort } from './kustomer-port';
import { createLookupService, type LookupService } from './lookup';
import { createLookupCache } from './lookup-cache';
import { createOutbox, type Outbox } from './outbox';
import { createPageDetections, type PageDetections } from './page-detections';
import { createPanelIntents, type PanelIntents } from './panel-intent';
import type { Platform } from './platform';
import { createSettingsService, type SettingsService } from './settings';
import { createSiteAccess, type SiteAccess } from './site-access';
import { connectionItem } from './storage-items';

export interface BackgroundServices {
  connection: ConnectionService;
  settings: SettingsService;
  directory: Directory;
  lookup: LookupService;
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
 * subscribes to it (settings) or is handed a callback here, and nothing calls into a service declared below
 * it. test/unit/background/services-wiring.test.ts checks this file for forward references.
 */
export function createBackgroundServices(
  platform: Platform,
  diagnostics: Diagnostics = createDiagnostics(platform.now),
): BackgroundServices {
  const now = platform.now ?? Date.now;
  const report = diagnostics.record;
  const connection = createConnectionService({
    flavour: platform.flavour,
    createClient: (baseUrl, auth) => createKustomerPort({ baseUrl, ...auth }),
    identity: platform.identity,
    fetch: platform.fetch,
    alarms: platform.alarms,
    now,
    randomBytes: platform.randomBytes ?? ((length) => crypto.getRandomValues(new Uint8Array(length))),
    onChange: (status) =>
      void platform.pushToPages({ event: 'connectionChanged', connections: connectionList(status) }),
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
  const directory = createDirectory(connection.client, now, report);
  const lookup = createLookupService({
    connectionId: SINGLE_CONNECTION,
    client: connection.client,
    appUrl: connection.appUrl,
    settings: settings.get,
    cache: createLookupCache(now),
    report,
  });
  const detections = createPageDetections({
    lookup,
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
    // One connection until the registry is wired: its client sends the items stamped with its id.
    client: () => connection.client(),
    isConnected: async (id) => connectionList(await connection.status()).some((org) => org.id === id),
    alarms: platform.alarms,
    now,
    newId: platform.newId ?? (() => crypto.randomUUID()),
    random: Math.random,
    onChange: (items) => platform.pushToPages({ event: 'outboxChanged', items }),
    destination: async () => (await connectionItem.getValue())?.baseUrl,
    // A write changes what a customer card shows (conversations, attributes); a new customer also
    // turns an unknown address on open pages into a known one.
    onSent: async (item) => {
      await lookup.clear();
      if (item.request.kind === 'createCustomer') await detections.refreshAll();
    },
    report,
  });
  const activity = createCardActivity(
    {
      connectionId: SINGLE_CONNECTION,
      client: connection.client,
      appUrl: connection.appUrl,
      directory,
    },
    now,
    report,
  );
  // A panel intent's card is looked up at once, and its second part as soon as the customer is found.
  const intents = createPanelIntents(
    (intent) => platform.pushToPages({ event: 'panelIntent', intent }),
    (subject) =>
      void ('email' in subject ? lookup.lookup(subject.email) : lookup.lookupPhone(subject.phone))
        .then((card) => {
          if (card) activity.prefetch(card.customer.id, card.customer.companyId);
        })
        .catch(diagnostics.swallow('lookup', 'prefetch')),
  );
  const handlers = createHandlers({
    activity,
    connection,
    lookup,
    directory,
    detections,
    siteAccess,
    outbox,
    settings,
    intents,
    openPanel: platform.openPanel,
    diagnostics,
  });
  return { connection, settings, directory, lookup, detections, siteAccess, outbox, intents, handlers, diagnostics };
}
