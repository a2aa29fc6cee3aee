import { browser } from 'wxt/browser';

/**
 * The Kustomer app an organisation registers so that agents can sign in to the sidebar with Kustomer (OAuth).
 * Fields as Kustomer's "OAuth for apps" and "OAuth 2.0" pages show them (developer.kustomer.com/docs/apps/oauth):
 * `app`, `version`, `title` (what agents see on the consent screen), `visibility`, `redirectUris`.
 * docs/oauth-setup.md walks through the calls below.
 */
export const SIDEBAR_APP = { app: 'kustomer_sidebar', version: '1.0.0', title: 'Kustomer Sidebar' } as const;

export interface SidebarAppDefinition {
  app: string;
  version: string;
  title: string;
  /** A private app installs only in the organisation that registered it. */
  visibility: 'private';
  redirectUris: string[];
}

/** The definition to register, with this browser build's redirect URL. */
export function sidebarAppDefinition(redirectUri: string): SidebarAppDefinition {
  return { ...SIDEBAR_APP, visibility: 'private', redirectUris: [redirectUri] };
}

/** The definition as an admin copies it: two-space JSON, ending with a newline. */
export function sidebarAppJson(redirectUri: string): string {
  return `${JSON.stringify(sidebarAppDefinition(redirectUri), null, 2)}\n`;
}

/** The admin's calls, as shell commands with `$KUSTOMER_ORG` and `$KUSTOMER_ADMIN_KEY` to fill in. */
export function setupCommands(): { register: string; install: string } {
  const api = 'https://$KUSTOMER_ORG.api.kustomerapp.com';
  const headers = `-H "Authorization: Bearer $KUSTOMER_ADMIN_KEY" -H "Content-Type: application/json"`;
  return {
    register: `curl -X POST "${api}/v1/apps/available" ${headers} --data @kustomer-sidebar-app.json`,
    install: `curl -X POST "${api}/v1/apps/install" ${headers} --data '{"app":"${SIDEBAR_APP.app}","version":"${SIDEBAR_APP.version}"}'`,
  };
}

/** This build's OAuth redirect URL: `https://<id>.chromiumapp.org/` in Chrome, the Firefox build's own there. */
export function buildRedirectUrl(): string {
  try {
    return browser.identity.getRedirectURL();
  } catch {
    return '';
  }
}
