/*
 * Sizes the protocol enforces, in a module of their own so a page can show them (a note's character counter)
 * without loading the validators.
 */

/** Longest address the detector reports (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;
/** Most addresses one page report may carry. */
export const MAX_EMAILS_PER_REPORT = 2000;
/** Kustomer's limit on a note body and a message preview. */
export const MAX_NOTE_LENGTH = 10_240;
/** Most users and teams one note may mention together (the spec's `userMentions` maxItems). */
export const MAX_NOTE_MENTIONS = 20;
