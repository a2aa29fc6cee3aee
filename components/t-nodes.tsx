import { type ComponentChild, Fragment } from 'preact';
import { t } from '../lib/i18n/t';

type Key = Parameters<typeof t>[0];
/** The `{placeholder}` names of message `K`. */
type Names<K extends Key> = keyof NonNullable<Parameters<typeof t<K>>[1]>;

const SLOT = /\{(\w+)\}/;

/**
 * A message whose placeholders hold elements, not text: `tNodes('panel.history.heading', { name: <UserText… /> })`
 * renders "History of <name>" in English and "Verlauf von <name>" in German, the element wherever the language puts
 * it. The message is read with its placeholders left in (each filled with itself) and split there, so what the agent
 * or Kustomer wrote never passes through the message text.
 */
export function tNodes<K extends Key>(key: K, nodes: Record<Names<K>, ComponentChild>): ComponentChild {
  const slots = nodes as Record<string, ComponentChild>;
  const marks = Object.fromEntries(Object.keys(slots).map((name) => [name, `{${name}}`]));
  const text = (t as unknown as (key: string, values: Record<string, string>) => string)(key, marks);
  const parts = text
    .split(SLOT)
    .map((part, index) => (index % 2 === 0 ? part : part in slots ? slots[part] : `{${part}}`))
    .filter((part) => part !== '');
  return <Fragment>{parts}</Fragment>;
}
