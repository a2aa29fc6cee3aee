/**
 * Reading web addresses the extension did not write itself (a tab's URL, a sender's, a typed site, a link in
 * Kustomer's data). `new URL` throws on anything it cannot parse; every such read goes through here, so "does
 * it parse", "is it a web page" and "which origin" have one answer each.
 */

/** The parsed URL, or null when there is none or it does not parse. */
export function parseUrl(value: string | undefined, base?: string): URL | null {
  if (value === undefined) return null;
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/** Whether a URL is a web page's (`http:` or `https:`), the only kind detection runs on or links open. */
export function isHttpUrl(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

/** The parsed URL when it is `http:` or `https:`, else null. */
export function parseHttpUrl(value: string | undefined): URL | null {
  const url = parseUrl(value);
  return url && isHttpUrl(url) ? url : null;
}

/** The origin of any URL (`"null"` for an opaque one such as `data:`), or null when it does not parse. */
export function originOf(value: string | undefined): string | null {
  return parseUrl(value)?.origin ?? null;
}

/** "https://mail.example.com" for a web page's address (a site detection may run on), else null. */
export function siteOriginOf(value: string | undefined): string | null {
  return parseHttpUrl(value)?.origin ?? null;
}

/** Only http(s) URLs may become links; anything else (javascript:, data:) stays text. */
export function safeHttpUrl(value: unknown): string | null {
  return typeof value === 'string' ? (parseHttpUrl(value.trim())?.href ?? null) : null;
}

/** Pages are the same site when their origins match; an unparseable URL only matches itself. */
export function sameOrigin(a: string, b: string): boolean {
  return (originOf(a) ?? a) === (originOf(b) ?? b);
}
