/**
 * One spelling per domain for the never-look-up list (issue 21, finding 6). The list is a privacy rule:
 * addresses at these domains never reach Kustomer. A page chooses how it writes an address, so a rule that
 * compared strings could be stepped around with `ａｃｍｅ.com`, `ıbm.com` or `xn--…`. Both the list and
 * each address's domain are compared in one canonical form; folding two different domains together only
 * ignores one address too many, which is the safe side. The list is stored in that form.
 */

/** Characters that may not appear in a bare domain: they make it a URL, an address, a port or IPv6. */
const NOT_A_HOST = /[\s/\\?#@:%[\]]/;
/** What IDNA ToASCII must give: two or more LDH labels and a top-level label of letters or punycode. */
const ASCII_DOMAIN = /^(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+(?:[a-z]{2,63}|xn--[a-z\d-]{1,59})$/;
/** Zero-width characters, bidi controls and other invisible code points never tell two domains apart. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The canonical ASCII form of a domain (`bücher.example` → `xn--bcher-kva.example`), or null when it is not
 * a domain name. Steps: NFKC (fullwidth and compatibility forms), lower case, invisible characters
 * removed, then case folding beyond `toLowerCase()`: `ß` → `ss`, final `ς` → `σ` (what IDNA 2003 did), and
 * the Turkish dotless `ı` and dotted `İ` → `i`, which no Unicode folding does but which read as `i`. Then
 * IDNA ToASCII through the URL parser (UTS #46, as the browser resolves the name).
 */
export function canonicalDomain(input: string): string | null {
  const folded = input
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .replace(/ı|i\u0307/g, 'i');
  if (!folded || NOT_A_HOST.test(folded)) return null;
  try {
    // A trailing dot (the root, `acme.com.`) names the same domain.
    const host = new URL(`http://${folded}`).hostname.replace(/\.$/, '');
    return ASCII_DOMAIN.test(host) ? host : null;
  } catch {
    return null;
  }
}

/**
 * True when the address's domain, or a parent domain of it, is on the list. The list holds canonical forms
 * (the settings schema stores them so); the address's domain is brought to its canonical form here.
 */
export function isOnDomainList(email: string, domains: readonly string[]): boolean {
  let domain = canonicalDomain(email.slice(email.lastIndexOf('@') + 1));
  while (domain) {
    if (domains.includes(domain)) return true;
    const dot = domain.indexOf('.');
    domain = dot < 0 ? null : domain.slice(dot + 1);
  }
  return false;
}
