import type { ComponentChildren } from 'preact';
import { type KeyWithPlaceholders, message, type PlaceholderOf } from '../lib/i18n/t';

/**
 * A message whose placeholders are elements, not text: `rich('options.oauth.save', { file: <code>app.json</code> })`.
 * The translation decides where each element goes; the elements' own text comes from the catalogue or is data.
 */
export function rich<K extends KeyWithPlaceholders>(
  key: K,
  values: Record<PlaceholderOf<K>, ComponentChildren>,
): ComponentChildren[] {
  const named = values as Record<string, ComponentChildren>;
  return message(key)
    .split(/\{(\w+)\}/)
    .map((piece, index) => (index % 2 === 1 ? (piece in named ? named[piece] : `{${piece}}`) : piece));
}
