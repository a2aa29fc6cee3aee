import type { UserOption } from '../messaging/model';

export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  /** What was typed after the "@" so far. */
  query: string;
}

/** The @mention being typed just before the caret, if any ("@" at start of text or after a space). */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Users whose name or email starts a word with the query, best first, at most `limit`. */
export function matchUsers(users: readonly UserOption[], query: string, limit = 6): UserOption[] {
  const needle = query.toLowerCase();
  const score = (user: UserOption) => {
    const name = user.name.toLowerCase();
    if (name.startsWith(needle)) return 0;
    if (name.split(/\s+/).some((word) => word.startsWith(needle))) return 1;
    if (user.email.toLowerCase().startsWith(needle)) return 2;
    return -1;
  };
  return users
    .map((user) => ({ user, rank: score(user) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.user.name.localeCompare(b.user.name))
    .slice(0, limit)
    .map((entry) => entry.user);
}

/** Replaces the typed "@query" with "@Full Name " and returns the new text and caret. */
export function insertMention(text: string, mention: MentionQuery, user: UserOption): { text: string; caret: number } {
  const inserted = `@${user.name} `;
  const end = mention.start + 1 + mention.query.length;
  const rest = text.slice(end).replace(/^ /, '');
  return { text: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length };
}

/** Ids of the picked users whose "@Name" is still in the text (the agent may have deleted one). */
export function mentionedIds(text: string, picked: readonly UserOption[]): string[] {
  const ids = picked.filter((user) => text.includes(`@${user.name}`)).map((user) => user.id);
  return [...new Set(ids)];
}
