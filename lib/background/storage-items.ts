import type {
  AuthMethod,
  ConnectionTarget,
  DiagnosticEvent,
  OutboxItem,
  PanelIntent,
  Settings,
} from '../messaging/model';
import { defineItem } from '../storage-item';

/**
 * The background's persisted items, declared once with their area in their key. Only the background imports
 * them (an architecture test and the pages' restricted imports enforce it); pages read what they need through
 * the protocol. The secret is apart, in `credentials.ts`. The background sets both areas to TRUSTED_CONTEXTS
 * at start-up, so content scripts cannot read them.
 */

export const DEFAULT_SETTINGS: Settings = {
  neverLookUpDomains: [],
  paused: false,
  enabledSites: [],
  // No client ID is prefilled: each organisation registers its own app (docs/oauth-setup.md).
  oauthClientId: '',
};

export const settingsItem = defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

/**
 * The single connection of before several (issue 18), without its secret: the upgrade turns it into `org-0`
 * (connections-upgrade.ts). The worker's connections are in `local:connections` (connections-store.ts).
 */
export interface SavedConnection {
  method: AuthMethod;
  target: ConnectionTarget;
  baseUrl: string;
  appUrl?: string;
  userName?: string;
  userEmail?: string;
  userId?: string;
  orgName?: string;
  roles?: string[];
  oauthClientId?: string;
}

export const connectionItem = defineItem<SavedConnection | null>('local:connection', { fallback: null });

/** PKCE verifier and state of a sign-in in progress (session: gone with the browser). */
export const oauthPendingItem = defineItem<{ state: string; verifier: string; redirectUri: string } | null>(
  'session:oauthPending',
  { fallback: null },
);

/** Writes waiting to be sent, being sent, or failed; nothing typed is lost. */
export const outboxItem = defineItem<OutboxItem[]>('local:outbox', { fallback: [] });

/** What the side panel should show next (context menu, command, click on a page). */
export const panelIntentItem = defineItem<PanelIntent | null>('session:panelIntent', { fallback: null });

export interface CachedLookup<T> {
  value: T;
  /** Epoch ms after which the entry is stale. */
  expiresAt: number;
}

/** Email → customer card cache; session storage so it survives the worker being stopped, not the browser. */
export const lookupCacheItem = defineItem<Record<string, CachedLookup<unknown>>>('session:lookupCache', {
  fallback: {},
});

/** Per tab: the addresses its content script reported. */
export interface TabDetection {
  url: string;
  /**
   * Per frame id, the addresses its content script reported, bounded (`boundFrames`, issue 21): the tab's
   * list is their union, computed, never stored a second time.
   */
  frames: Record<string, string[]>;
}

export const tabDetectionsItem = defineItem<Record<string, TabDetection>>('session:tabDetections', {
  fallback: {},
});

/**
 * Tabs where the agent ran detection once (activeTab), by tab id: the page's URL when it ran ('' when Chrome
 * hid it). Site access owns it (`site-access.ts`); the grant ends when the tab closes or leaves that origin.
 */
export const runOnceTabsItem = defineItem<Record<string, string>>('session:runOnceTabs', { fallback: {} });

/** The diagnostics log (`diagnostics.ts`): the background's recent failures, without secrets or customer data. */
export const diagnosticsItem = defineItem<DiagnosticEvent[]>('session:diagnostics', { fallback: [] });
