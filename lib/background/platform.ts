import type { Flavour } from '../kustomer/connection-target';
import type { PushEvent } from '../messaging/protocol';

/**
 * The browser APIs the background's services use, as narrow interfaces: the one home of platform APIs.
 * Services import them from here, never from each other; `browser-platform.ts` implements them over Chrome's
 * and Firefox's real APIs, and a unit test hands in fakes.
 */

/** The part of `browser.alarms` the outbox and the OAuth refresh need. */
export interface AlarmsApi {
  create(name: string, info: { when: number }): void | Promise<void>;
  clear(name: string): Promise<boolean> | Promise<void> | undefined;
}

/** The part of `browser.identity` the sign-in needs. */
export interface IdentityApi {
  getRedirectURL(path?: string): string;
  launchWebAuthFlow(details: { url: string; interactive?: boolean }): Promise<string | undefined>;
}

/** The part of `browser.action` the badge needs. */
export interface BadgeApi {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor?(details: { tabId?: number; color: string }): Promise<void> | void;
}

/** A dynamic content-script registration (`scripting.registerContentScripts`). */
export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

/** The parts of `scripting`, `permissions` and `tabs` site access needs. */
export interface SiteAccessApis {
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    executeScript(injection: { target: { tabId: number; allFrames?: boolean }; files: string[] }): Promise<unknown>;
  };
  permissions: {
    contains(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
  };
  tabs: {
    query(query: { url?: string | string[] }): Promise<{ id?: number }[]>;
    get(tabId: number): Promise<{ id?: number; url?: string }>;
  };
}

/** The part of `chrome.storage` whose access level can be set (not in webextension-polyfill's types). */
export interface StorageAreasWithAccessLevel {
  local: {
    setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void>;
  };
  session: {
    setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void>;
  };
}

/** Every browser API the background's services use, so that a test can hand in fakes. */
export interface Platform {
  flavour: Flavour;
  alarms: AlarmsApi;
  identity: IdentityApi;
  badge: BadgeApi;
  siteApis: SiteAccessApis;
  fetch: typeof globalThis.fetch;
  /** Pushes an event to extension pages. */
  pushToPages: (event: PushEvent) => Promise<void>;
  /** Pushes an event to one tab's content scripts. */
  pushToTab: (tabId: number, event: PushEvent) => Promise<void>;
  /** Opens the side panel synchronously (inside a user gesture). */
  openPanel: (tabId: number) => void;
  now?: () => number;
  randomBytes?: (length: number) => Uint8Array;
  newId?: () => string;
}
