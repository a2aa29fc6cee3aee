import type { UserManifest } from 'wxt';

/**
 * The manifest for each browser and flavour, written out here rather than left to WXT's conversions so that
 * each difference is visible in one place and unit-tested (test/unit/manifest.test.ts). docs/browsers.md
 * explains each one. Edge runs the Chrome build unchanged.
 */
export type TargetBrowser = 'chrome' | 'firefox';
export type Flavour = 'production' | 'test';

export const KUSTOMER_HOST_PERMISSIONS = ['https://*.kustomerapp.com/*'];
export const SANDBOX_HOST_PERMISSIONS = ['http://127.0.0.1/*'];

/** Fixed for the life of the add-on: AMO ties updates, storage and the OAuth redirect URL to it. */
export const FIREFOX_ADDON_ID = 'kustomer-sidebar@kustomer-sidebar.addons';

/**
 * Firefox 140 (the ESR of June 2025) is the first with the CSS Custom Highlight API (the neutral highlight
 * on detected addresses) and with `data_collection_permissions`, which AMO requires of new add-ons; every
 * other API used (MV3, `optional_host_permissions`, persistent `scripting.registerContentScripts`,
 * `storage.session`, `sidebarAction.open`) is older.
 */
export const FIREFOX_MIN_VERSION = '140.0';

/** Public half of a development-only key: pins the test build's Chrome id to jndjnofdpedebllphnccggnmpbpmmije. */
const TEST_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtxo63YAoxLmkFUAKLBOUXjRTn4LUSsE8nUKBFh5sFUqD9FgekLxfo4LInz0X8dJu8Joxh///246GSJKK8JlJZKEdfjAUuEtnnUkbhGdbBpyXJyh4zkmGRlxuS4uJ5bHs2ddx+I1huewMk1iLnKKhIXf8wTYC7CzY8awj+7qCoc5RiFPGcdJou177I7xf8ORd/Mb5pdeWpkFduvzwwHj8QXf8HH+rQZ1tBjEFZlsF2lQ2g5TIpdHLwMlfOTu5mziWjZEu35NwCR7/QtkPRX4aXP3+dDIiC0KPCf3jHDg6JtrkkJBkJUZJPNc62m0kRse8IBNSwq4dHQcQjqm4NS8qGwIDAQAB';

const QUICK_NOTE_COMMAND = {
  suggested_key: { default: 'Alt+Shift+N' },
  description: '__MSG_command_quickNote__',
};
const OPEN_PANEL_SHORTCUT = { suggested_key: { default: 'Alt+Shift+K' } };

/** What both browsers share. */
function commonManifest(flavour: Flavour) {
  return {
    // The store listing and chrome://extensions show these in the browser's language (locales/*.yml).
    name: flavour === 'test' ? '__MSG_extension_nameTest__' : '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    default_locale: 'en',
    host_permissions:
      flavour === 'test' ? [...KUSTOMER_HOST_PERMISSIONS, ...SANDBOX_HOST_PERMISSIONS] : KUSTOMER_HOST_PERMISSIONS,
    // Detection runs only on sites the agent turns on; each is requested at that moment.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_extension_actionTitle__' },
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
  };
}

const BASE_PERMISSIONS = ['storage', 'contextMenus', 'alarms', 'identity', 'scripting', 'activeTab'];

/** The manifest fields this project sets for `browser`; WXT adds the entrypoints (background, pages, panel). */
export function manifestFor(browser: TargetBrowser, flavour: Flavour): UserManifest {
  if (browser === 'firefox') return firefoxManifest(flavour);
  return {
    ...commonManifest(flavour),
    minimum_chrome_version: '116',
    permissions: ['sidePanel', ...BASE_PERMISSIONS],
    side_panel: { default_path: 'sidepanel.html' },
    // An admin's policy may push orgName, region and clientId (lib/ui/managed-settings.ts, docs/oauth-setup.md).
    // Chrome only: Firefox reads managed storage from a native manifest, not a schema (docs/browsers.md).
    storage: { managed_schema: 'managed_schema.json' },
    commands: {
      _execute_action: { ...OPEN_PANEL_SHORTCUT, description: '__MSG_command_openPanel__' },
      'quick-note': QUICK_NOTE_COMMAND,
    },
    ...(flavour === 'test' ? { key: TEST_MANIFEST_KEY } : {}),
  };
}

function firefoxManifest(flavour: Flavour): UserManifest {
  return {
    ...commonManifest(flavour),
    // WXT writes `sidebar_action` from the sidepanel entrypoint (default_panel: sidepanel.html).
    permissions: BASE_PERMISSIONS,
    commands: {
      // Firefox's own command for the sidebar: it toggles it (and, unlike a listener, needs no gesture hand-off).
      _execute_sidebar_action: { ...OPEN_PANEL_SHORTCUT, description: '__MSG_command_openSidebar__' },
      'quick-note': QUICK_NOTE_COMMAND,
    },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Sent only to the agent's own Kustomer: customer addresses found on pages, selected text for notes,
        // notes and messages the agent writes, and the API key or token it signs in with.
        data_collection_permissions: {
          required: ['personallyIdentifyingInfo', 'websiteContent', 'personalCommunications', 'authenticationInfo'],
        },
      },
    },
    // Test flavour only: BiDi cannot open moz-extension:// pages, so the Firefox smoke frames the panel from a
    // page on 127.0.0.1 (docs/browsers.md). The production add-on exposes no page to the web.
    ...(flavour === 'test'
      ? { web_accessible_resources: [{ resources: ['sidepanel.html'], matches: SANDBOX_HOST_PERMISSIONS }] }
      : {}),
  };
}
