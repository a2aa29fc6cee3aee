import type { ConnectionTarget } from '../messaging/model';
import { ServiceError } from '../service-error';
import { kustomerBaseUrl, normaliseOrgName } from './base-url';

/** Build flavour: only the test build may talk to a plain-http sandbox on 127.0.0.1. */
export type Flavour = 'production' | 'test';

/** Where one connection target lives: the API, the web app, and its OAuth endpoints. */
export interface ResolvedTarget {
  baseUrl: string;
  /** Kustomer web app origin for "Open in Kustomer" links. */
  appUrl: string;
  /**
   * The organisation's subdomain when the agent named it (an org target, or a custom `{org}.api.kustomerapp.com`
   * URL). Kustomer's token answer does not carry the organisation's name, only its id.
   */
  orgName?: string;
  /** Null when the target cannot sign in with OAuth (a region host without an organisation name). */
  authorizeUrl: string | null;
  tokenUrl: string;
}

// Region hosts serve many organisations: the web app and OAuth live on the organisation's own host
// (API.md, "OAuth 2.0": authorize at https://{org}.kustomerapp.com/oauth/authorize), which a region
// alone does not name. Links fall back to the shared app host.
const REGION_APP_URL = 'https://app.kustomerapp.com';

function refuse(message: string): ServiceError {
  return new ServiceError({ kind: 'validation', message });
}

/** Kustomer's API and app hosts: kustomerapp.com and its subdomains. */
export function isKustomerHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'kustomerapp.com' || host.endsWith('.kustomerapp.com');
}

/** Resolves a target to its URLs; in the production build a custom URL must be https on a Kustomer host. */
export function resolveTarget(target: ConnectionTarget, flavour: Flavour): ResolvedTarget {
  if (target.kind === 'region') {
    const baseUrl = kustomerBaseUrl({ region: target.region });
    return { baseUrl, appUrl: REGION_APP_URL, authorizeUrl: null, tokenUrl: `${baseUrl}/oauth/token` };
  }
  if (target.kind === 'org') return orgTarget(normaliseOrgName(target.org));
  if (flavour === 'production' && !/^https:/i.test(target.baseUrl.trim())) {
    throw refuse('A custom Kustomer URL must use https.');
  }
  const baseUrl = kustomerBaseUrl({ custom: target.baseUrl });
  // The key goes wherever this URL points: in the store build only Kustomer's own hosts may receive it, so
  // an agent talked into pasting a look-alike address cannot hand the key to someone else.
  const hostname = new URL(baseUrl).hostname.toLowerCase();
  if (flavour === 'production' && !isKustomerHost(hostname)) {
    throw refuse('A custom Kustomer URL must be a kustomerapp.com address.');
  }
  if (isKustomerHost(hostname)) {
    // An organisation's own API host names the organisation: its web app (and OAuth authorize) is on
    // {org}.kustomerapp.com. A region host (api.…, api.prod2.…) names none, so it cannot sign in with OAuth.
    const org = /^([a-z0-9][a-z0-9-]{0,62})\.api\.kustomerapp\.com$/.exec(hostname)?.[1];
    if (org) return { ...orgTarget(org), baseUrl, tokenUrl: `${baseUrl}/oauth/token` };
    return { baseUrl, appUrl: REGION_APP_URL, authorizeUrl: null, tokenUrl: `${baseUrl}/oauth/token` };
  }
  // Not a Kustomer host (the test build's sandbox): it serves the API, the "web app" and OAuth on one origin.
  return { baseUrl, appUrl: baseUrl, authorizeUrl: `${baseUrl}/oauth/authorize`, tokenUrl: `${baseUrl}/oauth/token` };
}

/** An organisation's hosts (API.md, Hosts and auth / OAuth 2.0): authorize on the web app, tokens on the API. */
function orgTarget(org: string): ResolvedTarget {
  return {
    baseUrl: `https://${org}.api.kustomerapp.com`,
    appUrl: `https://${org}.kustomerapp.com`,
    orgName: org,
    authorizeUrl: `https://${org}.kustomerapp.com/oauth/authorize`,
    tokenUrl: `https://${org}.api.kustomerapp.com/oauth/token`,
  };
}
