import { findEmails } from './find-emails';

const RECIPIENT_FIELD = /^(?:to|cc|bcc)$/i;

/** Addresses of a `mailto:` URL (recipients, `to`/`cc`/`bcc` fields), de-duplicated and lower-cased. */
export function emailsFromMailto(href: string): string[] {
  const trimmed = href.trim();
  if (!/^mailto:/i.test(trimmed)) return [];
  const withoutFragment = trimmed.slice('mailto:'.length).split('#', 1)[0] ?? '';
  const queryStart = withoutFragment.indexOf('?');
  const fields = [queryStart === -1 ? withoutFragment : withoutFragment.slice(0, queryStart)];
  if (queryStart !== -1) {
    for (const pair of withoutFragment.slice(queryStart + 1).split('&')) {
      const equals = pair.indexOf('=');
      if (equals > 0 && RECIPIENT_FIELD.test(percentDecode(pair.slice(0, equals)))) {
        fields.push(pair.slice(equals + 1));
      }
    }
  }
  const emails = new Set<string>();
  // RFC 6068: `+` is a literal plus in mailto URLs (a+tag@x.co), not an encoded space.
  for (const field of fields) for (const match of findEmails(percentDecode(field))) emails.add(match.email);
  return [...emails];
}

/**
 * Decodes what is valid percent-encoding and leaves malformed sequences as they are. Run by run: a UTF-8
 * character's escapes are always in one run, so valid input decodes as `decodeURIComponent` would.
 */
function percentDecode(value: string): string {
  return value.replace(/(?:%[0-9a-f]{2})+/gi, (sequence) => {
    try {
      return decodeURIComponent(sequence);
    } catch {
      return sequence;
    }
  });
}
