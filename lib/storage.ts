import { defineVaultItem, type VaultItem } from './credential-vault';
import type { AuthMethod, ConnectionTarget, OutboxItem, PanelIntent, Settings } from './messaging/model';
import { defineItem } from './storage-item';

/**
 * Every persisted item of the extension, declared once with its area in its key.
 * The background sets both areas to TRUSTED_CONTEXTS at start-up, so content scripts cannot read them.
 */

export const DEFAULT_SETTINGS: Settings = {
  neverLookUpDomains: [],
  paused: false,
  enabledSites: [],
  // No client ID is prefilled: each organisation registers its own app (docs/oauth-setup.md).
  oauthClientId: '',
};

export const settingsItem = defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

/** The connection without its secret; safe for extension pages to read. */
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

/**
 * The secret. Read and written ONLY by the background (lib/background/credentials); no other module
 * imports this item (a unit test enforces it). Never logged.
 */
export type Credentials =
  | { method: 'apiKey'; apiKey: string }
  | {
      method: 'oauth';
      accessToken: string;
      refreshToken?: string;
      /** Epoch ms. */
      expiresAt: number;
      clientId: string;
      clientSecret?: string;
    };

/** Firefox cannot lock `storage.local` away from content scripts: there the secret lives in IndexedDB. */
export const credentialsItem: VaultItem<Credentials | null> = import.meta.env.FIREFOX
  ? defineVaultItem<Credentials | null>('credentials', null)
  : defineItem<Credentials | null>('local:credentials', { fallback: null });

/** PKCE verifier and state of a sign-in in progress (session: gone with the browser). */
export const oauthPendingItem = defineItem<{ state: string; verifier: string; redirectUri: string } | null>(
  'session:oauthPending',
  { fallback: null },
);

/** Writes waiting to be sent, being sent, or failed; nothing typed is lost. */
export const outboxItem = defineItem<OutboxItem[]>('local:outbox', { fallback: [] });

export interface Draft {
  text: string;
  /** Epoch ms of the last keystroke. */
  updatedAt: number;
}

/** Text the agent is typing, per target (e.g. `note:<conversationId>`), kept across restarts. */
export const draftsItem = defineItem<Record<string, Draft>>('local:drafts', { fallback: {} });

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

/** Per tab: the addresses its content script reported, and where detection runs once (activeTab). */
export interface TabDetection {
  url: string;
  /**
   * Per frame id, the addresses its content script reported, bounded (`boundFrames`, issue 21): the tab's
   * list is their union, computed, never stored a second time.
   */
  frames: Record<string, string[]>;
  /** Detection was run once on this tab through activeTab, not through an enabled site. */
  once: boolean;
}

export const tabDetectionsItem = defineItem<Record<string, TabDetection>>('session:tabDetections', {
  fallback: {},
});

/** A customer the agent opened in the panel (what the "Recent customers" list shows). */
export interface RecentCustomer {
  id: string;
  name: string;
  email?: string;
  /** Epoch ms of the last time the agent opened it. */
  viewedAt: number;
}

/** A screen the panel can open again by ids alone (no form, no intent: those are shown once). */
export type SavedScreen =
  | { name: 'customer'; customerId: string }
  | { name: 'conversations'; customerId: string; customerName: string }
  | { name: 'conversation'; conversationId: string; customerId: string }
  | { name: 'company'; companyId: string };

/**
 * What the panel remembers between openings: the last customers viewed (newest first, at most 20) and the
 * screen it showed last. Local, on this computer only; "Clear cache", signing in and signing out remove it.
 */
export interface PanelMemory {
  recent: RecentCustomer[];
  lastScreen?: SavedScreen;
}

export const panelMemoryItem = defineItem<PanelMemory>('local:panelMemory', { fallback: { recent: [] } });

/** How the agent likes the side panel laid out (issue 17): remembered across panels and restarts. */
export interface PanelPrefs {
  /** A conversation's messages and notes: newest first (composer on top) or oldest first (composer below). */
  timelineOrder: 'newest' | 'oldest';
}

export const panelPrefsItem = defineItem<PanelPrefs>('local:panelPrefs', { fallback: { timelineOrder: 'newest' } });
