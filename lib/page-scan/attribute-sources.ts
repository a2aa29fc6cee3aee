import { emailsFromMailto, findEmails } from '../email';
import { phoneKeyFromTel } from '../phone/candidates';

/**
 * Attributes where webmail puts addresses on sender chips and contact cards: Gmail uses `email` and
 * `data-hovercard-id`, others `data-email`; many put "Name <address>" in `title`.
 */
const ADDRESS_ATTRIBUTES = ['email', 'data-email', 'data-hovercard-id', 'title'];
/** An attribute value longer than this is content, not a sender chip; it is not read. */
const MAX_ATTRIBUTE_LENGTH = 512;

/** Elements that may carry an address in an attribute (matched natively, cheaper than reading each attribute). */
export const ATTRIBUTE_SOURCE_SELECTOR =
  'a[href], area[href], [email], [data-email], [data-hovercard-id], [title*="@"]';

/** Attributes whose changes the scanner watches. */
export const WATCHED_ATTRIBUTES = ['href', 'contenteditable', ...ADDRESS_ATTRIBUTES];

/**
 * Addresses an element carries in a `mailto:` link or in webmail attributes (lower-cased, unique), and with
 * `phones` the key of a `tel:` link (`tel:` and its digits).
 */
export function emailsFromAttributes(element: Element, phones = false): string[] {
  if (!element.hasAttributes()) return [];
  const found = new Set<string>();
  const tag = element.tagName.toUpperCase();
  if (tag === 'A' || tag === 'AREA') {
    const href = element.getAttribute('href');
    if (href && href.length <= 4 * MAX_ATTRIBUTE_LENGTH && /^\s*mailto:/i.test(href)) {
      for (const email of emailsFromMailto(href)) found.add(email);
    } else if (phones && href && href.length <= MAX_ATTRIBUTE_LENGTH) {
      const key = phoneKeyFromTel(href);
      if (key) found.add(key);
    }
  }
  for (const name of ADDRESS_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (!value || value.length > MAX_ATTRIBUTE_LENGTH || !value.includes('@')) continue;
    for (const match of findEmails(value)) found.add(match.email);
  }
  return [...found];
}
