import type { AuditLogEventResource, KlassResource } from '../kustomer/types';
import { attributeLabel, CUSTOM_ATTRIBUTE_SUFFIXES } from '../labels';
import type { CustomAttributeType, HistoryEntry, KlassField, KlassForm } from '../messaging/model';

/** Bookkeeping Kustomer changes on every write: not something an agent changed. */
const NOISE = new Set(['updatedAt', 'modifiedAt', 'modifiedBy', 'rev', 'lastActivityAt', 'conversationCounts']);
/** Changes listed per event; a bulk import can touch hundreds of fields. */
const MAX_CHANGES = 20;

/** A changed value as one line of text; empty for none. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    // Emails, phones and domains are objects with one meaningful field.
    const record = value as Record<string, unknown>;
    return valueText(record.email ?? record.phone ?? record.domain ?? record.name ?? JSON.stringify(value));
  }
  return String(value);
}

type Change = { before?: unknown; after?: unknown };

/**
 * The changes of an audit-log event, flattened. The spec's example nests them (`changes.attributes.<field>` with
 * `op`, `before`, `after`); actions.json describes a flat map of fields. Both are read (docs/kustomer-api.md).
 */
function changeList(changes: unknown): HistoryEntry['changes'] {
  if (!changes || typeof changes !== 'object') return [];
  const record = changes as Record<string, unknown>;
  const fields = (record.attributes && typeof record.attributes === 'object' ? record.attributes : record) as Record<
    string,
    Change
  >;
  const list: HistoryEntry['changes'] = [];
  for (const [key, change] of Object.entries(fields)) {
    if (NOISE.has(key) || !change || typeof change !== 'object') continue;
    if (key === 'custom' && !('before' in change)) continue;
    if (key === 'custom') {
      // Custom attributes change as one object: one line per attribute that differs.
      const before = (change.before ?? {}) as Record<string, unknown>;
      const after = (change.after ?? {}) as Record<string, unknown>;
      for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (valueText(before[name]) !== valueText(after[name]))
          list.push({ field: attributeLabel(name), before: valueText(before[name]), after: valueText(after[name]) });
      }
      continue;
    }
    list.push({ field: attributeLabel(key), before: valueText(change.before), after: valueText(change.after) });
  }
  return list.slice(0, MAX_CHANGES);
}

/** Audit-log events of a customer as history lines, newest first; an update of bookkeeping alone is left out. */
export function toHistory(events: AuditLogEventResource[], userNames: Map<string, string>): HistoryEntry[] {
  return events.flatMap((event) => {
    const attributes = event.attributes;
    const entry: HistoryEntry = {
      id: event.id,
      at: attributes.createdAt ?? '',
      verb: attributes.eventVerb === 'create' || attributes.eventVerb === 'delete' ? attributes.eventVerb : 'update',
      objectType: attributes.objectType ?? 'record',
      changes: changeList(attributes.changes),
    };
    if (entry.verb === 'update' && entry.changes.length === 0) return [];
    if (attributes.userId) entry.who = userNames.get(attributes.userId) ?? { unnamedUser: true };
    return [entry];
  });
}

const JSON_TYPES: Record<string, CustomAttributeType> = { number: 'Num', integer: 'Num', boolean: 'Bool' };

/**
 * A klass's form: the properties of its `jsonSchema` (the spec's klass body has one, untyped; its shape as a JSON
 * Schema of the KObject's `data` is our reading, unverified). A field's type is its name's suffix, else the JSON type,
 * `date-time` strings as dates.
 */
export function toKlassForm(klass: KlassResource): KlassForm {
  const name = klass.attributes.name ?? klass.id;
  const schema = (klass.attributes.jsonSchema ?? {}) as {
    properties?: Record<string, { type?: string; format?: string; title?: string }>;
    required?: string[];
  };
  const fields: KlassField[] = Object.entries(schema.properties ?? {}).map(([key, property]) => {
    const suffix = CUSTOM_ATTRIBUTE_SUFFIXES.find(
      (candidate) => key.endsWith(candidate) && key.length > candidate.length,
    );
    const type = suffix ?? (property.format === 'date-time' ? 'At' : (JSON_TYPES[property.type ?? ''] ?? 'Str'));
    const field: KlassField = { key, label: property.title || attributeLabel(key), type };
    if (schema.required?.includes(key)) field.required = true;
    return field;
  });
  return { klassName: name, klassLabel: klass.attributes.displayName || attributeLabel(name), fields };
}
