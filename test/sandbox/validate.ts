import { invalidAttribute, jsonApiError } from './errors';
import type { CustomAttributes, Email, Phone } from './types';

/** Readers for flat JSON request bodies; each failure is a JSON:API 400 pointing at the attribute. */

export type Body = Record<string, unknown>;

export function asBody(body: unknown): Body {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw jsonApiError(400, 'invalid_body', 'The request body must be a JSON object', { pointer: '/data' });
  }
  return body as Body;
}

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export function readString(body: Body, field: string, rule: StringRule & { required: true }): string;
export function readString(body: Body, field: string, rule?: StringRule): string | undefined;
export function readString(body: Body, field: string, rule: StringRule = {}): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (rule.required) throw invalidAttribute(field, 'required', `${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw invalidAttribute(field, 'invalid_type', `${field} must be a string`);
  if (value === '' && rule.required) throw invalidAttribute(field, 'required', `${field} is required`);
  if (rule.min !== undefined && value.length < rule.min) {
    throw invalidAttribute(field, 'min_length', `${field} must be at least ${rule.min} characters`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw invalidAttribute(field, 'max_length', `${field} must be at most ${rule.max} characters`);
  }
  return value;
}

export function readNullableString(body: Body, field: string, max = 1024): string | null | undefined {
  if (body[field] === null || body[field] === '') return null;
  return readString(body, field, { max });
}

export function readEnum<T extends string>(
  body: Body,
  field: string,
  allowed: readonly T[],
  required = false,
): T | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw invalidAttribute(field, 'required', `${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalidAttribute(field, 'invalid_value', `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function readStringArray(body: Body, field: string, maxItems = 1000): string[] | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidAttribute(field, 'invalid_type', `${field} must be an array of strings`);
  }
  if (value.length > maxItems) throw invalidAttribute(field, 'max_items', `${field} takes at most ${maxItems} items`);
  return value as string[];
}

export function readInt(body: Body, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidAttribute(field, 'invalid_value', `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function readBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidAttribute(field, 'invalid_type', `${field} must be true or false`);
  return value;
}

export function readObject(body: Body, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidAttribute(field, 'invalid_type', `${field} must be an object`);
  }
  return value as Record<string, unknown>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readEmails(body: Body, field = 'emails'): Email[] | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidAttribute(field, 'invalid_type', `${field} must be an array`);
  return value.map((item, index) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Body;
    const email = entry.email;
    if (typeof email !== 'string' || !EMAIL.test(email)) {
      throw invalidAttribute(
        `${field}/${index}/email`,
        'invalid_value',
        `${field}[${index}].email is not an email address`,
      );
    }
    const type = entry.type === 'work' || entry.type === 'other' ? entry.type : 'home';
    return { email, type };
  });
}

export function readPhones(body: Body, field = 'phones'): Phone[] | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidAttribute(field, 'invalid_type', `${field} must be an array`);
  return value.map((item, index) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Body;
    if (typeof entry.phone !== 'string' || entry.phone.length === 0) {
      throw invalidAttribute(`${field}/${index}/phone`, 'required', `${field}[${index}].phone is required`);
    }
    const type = entry.type === 'home' || entry.type === 'work' || entry.type === 'other' ? entry.type : 'mobile';
    return { phone: entry.phone, type };
  });
}

const CUSTOM_SUFFIX = /(Str|Txt|Num|At|Bool|Url)$/;

/** Custom attributes: the name's suffix sets the type (Kustomer's convention); Str is at most 1024 chars. */
export function readCustom(body: Body, field = 'custom'): CustomAttributes | undefined {
  const value = readObject(body, field);
  if (!value) return undefined;
  const out: CustomAttributes = {};
  for (const [name, raw] of Object.entries(value)) {
    const suffix = CUSTOM_SUFFIX.exec(name)?.[1];
    const pointer = `${field}/${name}`;
    const fail = (what: string) => invalidAttribute(pointer, 'invalid_value', `${field}.${name} must be ${what}`);
    if (!suffix)
      throw invalidAttribute(
        pointer,
        'invalid_name',
        `${field}.${name} needs a type suffix (Str, Txt, Num, At, Bool, Url)`,
      );
    if (raw === null) {
      out[name] = null;
      continue;
    }
    if (suffix === 'Num') {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw fail('a number');
    } else if (suffix === 'Bool') {
      if (typeof raw !== 'boolean') throw fail('true or false');
    } else if (typeof raw !== 'string') {
      throw fail('a string');
    } else if (suffix === 'Str' && raw.length > 1024) {
      throw invalidAttribute(pointer, 'max_length', `${field}.${name} must be at most 1024 characters`);
    } else if (suffix === 'At' && Number.isNaN(Date.parse(raw))) {
      throw fail('an ISO 8601 date-time');
    } else if (suffix === 'Url' && !/^https?:\/\//.test(raw)) {
      throw fail('an http(s) URL');
    }
    out[name] = raw as string | number | boolean;
  }
  return out;
}

export function readExternalId(body: Body): string | null | undefined {
  return readNullableString(body, 'externalId', 256);
}
