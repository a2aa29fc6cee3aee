import { parseUrl } from '../url';
import { KustomerError } from './errors';

export type KustomerRegion = 'us' | 'eu' | 'in';

/** Where the API lives: a region's shared host, the organisation's own host, or any URL (e.g. the sandbox). */
export type KustomerHost = { region: KustomerRegion } | { org: string } | { custom: string };

// Hosts from Kustomer's docs (API.md, Hosts and auth): the per-organisation host is preferred.
export const REGION_HOSTS: Record<KustomerRegion, string> = {
  us: 'https://api.kustomerapp.com',
  eu: 'https://api.prod2.kustomerapp.com',
  in: 'https://api.prod4.kustomerapp.com',
};

const ORG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function invalid(detail: string): KustomerError {
  return new KustomerError({ kind: 'validation', message: detail, detail, pointer: '/baseUrl' });
}

/** Organisation slug from what an agent may type: `acme`, `acme.kustomerapp.com`, `https://acme.kustomerapp.com/`. */
export function normaliseOrgName(input: string): string {
  const slug = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/(\.api)?\.kustomerapp\.com$/, '');
  if (!ORG_PATTERN.test(slug)) throw invalid(`"${input}" is not a Kustomer organisation name`);
  return slug;
}

/**
 * Validates any API origin and returns it without a trailing slash or `/v1`. Tokens go only over
 * https, except to a loopback host (the local sandbox).
 */
export function normaliseBaseUrl(input: string): string {
  const url = parseUrl(input.trim());
  if (!url) throw invalid(`"${input}" is not a URL`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`"${input}" is not an http(s) URL`);
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw invalid(`"${input}" must use https (plain http is only allowed for 127.0.0.1 and localhost)`);
  }
  if (url.username !== '' || url.password !== '') throw invalid('The API URL must not contain a user name or password');
  if (url.search !== '' || url.hash !== '') throw invalid('The API URL must not contain a query or fragment');
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${url.origin}${path}`;
}

/** The API base URL for a region, an organisation or a custom URL (validated, without trailing slash). */
export function kustomerBaseUrl(host: KustomerHost): string {
  if ('region' in host) {
    const url = REGION_HOSTS[host.region];
    if (url === undefined) throw invalid(`Unknown Kustomer region "${String(host.region)}"`);
    return url;
  }
  if ('org' in host) return `https://${normaliseOrgName(host.org)}.api.kustomerapp.com`;
  return normaliseBaseUrl(host.custom);
}

/**
 * Resolves a link from a response (`/v1/customers?page=2`) against the base URL. Refuses links that
 * leave the API origin, so that a crafted `links.next` can never receive the bearer token.
 */
export function resolveApiLink(baseUrl: string, link: string): string {
  const base = new URL(baseUrl);
  const resolved = new URL(link, `${base.origin}/`);
  if (resolved.origin !== base.origin) throw invalid(`Refusing to follow a link to another host (${resolved.origin})`);
  return resolved.toString();
}
