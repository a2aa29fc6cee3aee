import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import { findPhoneCandidates, type PhoneSpan, phoneKey } from './candidates';

export type { CountryCode };

/** A valid phone number found in text. */
export interface PhoneMatch extends PhoneSpan {
  /** The text as written. */
  raw: string;
  /** The number in E.164: `+` and up to 15 digits. */
  e164: string;
}

/**
 * A phone number written in any form → E.164, or null when it is not a valid number. A national number is
 * read in `defaultCountry`. `min` metadata (lengths per country and prefix, no digit patterns) is enough for
 * the corpus (test/unit/phone/corpus.test.ts) and is half the size of `max`.
 */
export function toE164(written: string, defaultCountry: CountryCode | undefined): string | null {
  const key = phoneKey(written);
  if (key.length < 3) return null;
  try {
    const parsed = parsePhoneNumberFromString(key, defaultCountry ? { defaultCountry } : {}, metadata);
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

/** Valid phone numbers in text: the candidates of {@link findPhoneCandidates} that parse in `defaultCountry`. */
export function findPhones(text: string, defaultCountry: CountryCode | undefined): PhoneMatch[] {
  const found: PhoneMatch[] = [];
  for (const { start, end } of findPhoneCandidates(text)) {
    const raw = text.slice(start, end);
    const e164 = toE164(raw, defaultCountry);
    if (e164) found.push({ start, end, raw, e164 });
  }
  return found;
}

/** Whether a string names a country libphonenumber knows (`GB`, `US`…). */
export function isCountryCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && value in (metadata as { countries: Record<string, unknown> }).countries;
}
