import { browser } from 'wxt/browser';
import { browserPlatform, openPanelFromToolbar } from '../lib/background/browser-platform';
import { handleCommand } from '../lib/background/commands';
import { refreshAlarmConnection } from '../lib/background/connection';
import { answerAfter, legacySourceFromItems, upgradeAtStart } from '../lib/background/connections-upgrade';
import { createContextMenus, handleMenuClick, type MenuClick } from '../lib/background/context-menus';
import { credentialsItem } from '../lib/background/credentials';
import { describeError } from '../lib/background/describe-error';
import { createDiagnostics } from '../lib/background/diagnostics';
import type { GestureTab } from '../lib/background/gesture-tab';
import { OUTBOX_ALARM } from '../lib/background/outbox';
import { selectionContextOf } from '../lib/background/selection-context';
import { createBackgroundServices } from '../lib/background/services';
import { restrictStorageToTrustedContexts } from '../lib/background/storage-access';
import { connectionItem, outboxItem } from '../lib/background/storage-items';
import { serveRequests } from '../lib/messaging/server';
import { panelMemoryItem, sharedDraftsItem } from '../lib/storage';

export default defineBackground(() => {
  // Every failure the worker swallows is recorded here (storage.session; the options page shows it).
  const diagnostics = createDiagnostics();
  const { swallow } = diagnostics;

  // 1. Before anything else: content scripts may not read storage (credentials live there).
  const storageLocked = restrictStorageToTrustedContexts(browser.storage).catch(swallow('storage', 'lock'));

  // 2. The single connection of before becomes the first organisation, with its drafts, recent customers and
  // outbox (issue 18; safe at every start). Requests, alarms and the outbox wait for it; a failure is recorded.
  const legacy = legacySourceFromItems({
    connection: connectionItem,
    credentials: credentialsItem,
    drafts: sharedDraftsItem,
    panelMemory: panelMemoryItem,
    outbox: outboxItem,
  });
  const upgraded = storageLocked.then(() => upgradeAtStart(legacy, diagnostics.record));

  // 3. Services (lib/background/services.ts), over the real browser APIs.
  const platform = browserPlatform(__KS_FLAVOUR__, diagnostics.record);
  const services = createBackgroundServices(platform, diagnostics);
  const { connection, detections, intents, outbox, siteAccess, settings } = services;

  // 4. The protocol: every request validated, senders checked (lib/messaging); answered after the upgrade.
  serveRequests(browser.runtime.onMessage, {
    // `chrome-extension://<id>`, or Firefox's `moz-extension://<uuid>` (its host is not the add-on's id).
    self: { id: browser.runtime.id, origin: browser.runtime.getURL('').slice(0, -1) },
    handlers: answerAfter(upgraded, services.handlers),
    allowContentScript: siteAccess.allowContentScript,
    describeError,
  });

  // 5. Side panel: the toolbar button opens it.
  openPanelFromToolbar().catch(swallow('panel', 'behaviour'));

  // 6. Context menus and keyboard commands (each opens the panel inside its gesture).
  const selectionContext = (tabId: number, frameId?: number) =>
    selectionContextOf((injection) => browser.scripting.executeScript(injection), tabId, frameId);
  const menuDeps = { openPanel: platform.openPanel, setIntent: intents.set, selectionContextOf: selectionContext };
  const commandDeps = { ...menuDeps, report: diagnostics.record, selectionOf: selectionContext };
  // Chrome keeps menus across worker restarts, but not always across a browser update or a restored profile.
  const makeMenus = () => void createContextMenus(browser.contextMenus).catch(swallow('menus', 'create'));
  browser.runtime.onInstalled.addListener(makeMenus);
  browser.runtime.onStartup.addListener(makeMenus);
  browser.contextMenus.onClicked.addListener(
    (click, tab) => void handleMenuClick(click, tab, menuDeps).catch(swallow('menus', 'click')),
  );
  browser.commands.onCommand.addListener(
    (command, tab) => void handleCommand(command, tab, commandDeps).catch(swallow('commands', 'run')),
  );

  // Test build only: e2e tests fire what Playwright cannot reach (native menus, keyboard shortcuts).
  if (__KS_FLAVOUR__ === 'test') {
    Object.assign(globalThis, {
      __ksTest: {
        contextMenuClick: (click: MenuClick, tab: GestureTab) => handleMenuClick(click, tab, menuDeps),
        command: (name: string, tab: GestureTab) => handleCommand(name, tab, commandDeps),
      },
    });
  }

  // 7. Alarms: outbox retries and the OAuth refresh survive the worker being stopped.
  browser.alarms.onAlarm.addListener((alarm) => {
    // Until an upgrade succeeded the outbox is left as it was: its items do not name their organisation yet.
    const upgradedOutbox = upgraded.then((outcome) => outcome !== 'failed');
    if (alarm.name === OUTBOX_ALARM) {
      void upgradedOutbox.then((ok) => (ok ? outbox.processDue() : undefined)).catch(swallow('outbox', 'alarm'));
    }
    // One refresh alarm per OAuth connection (`kustomer-oauth-refresh:<id>`): only that one's token is renewed.
    const refreshing = refreshAlarmConnection(alarm.name);
    if (refreshing) {
      void upgraded.then(() => connection.refreshAccessToken(refreshing)).catch(swallow('oauth', 'refresh'));
    }
  });

  // 8. Tabs: forget a page's addresses, and a run once, when it closes or leaves its origin.
  browser.tabs.onRemoved.addListener((tabId) => {
    void detections.forget(tabId, true).catch(swallow('detections', 'forget'));
    void siteAccess.tabClosed(tabId).catch(swallow('site-access', 'forget'));
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (!change.url) return;
    void detections.navigated(tabId, change.url).catch(swallow('detections', 'navigated'));
    void siteAccess.navigated(tabId, change.url).catch(swallow('site-access', 'navigated'));
  });

  // 9. Worker start: detection registration matches the settings; unsent writes resume.
  void upgraded.then(async (outcome) => {
    await siteAccess.sync(await settings.get()).catch(swallow('site-access', 'sync'));
    if (outcome !== 'failed') await outbox.resume().catch(swallow('outbox', 'resume'));
  });
});
