import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import type { CustomerResource } from '../kustomer/types';
import type { Settings } from '../messaging/model';
import { isCountryCode, toE164 } from '../phone/validate';
import { originOf } from '../url';
import type { KustomerPort } from './kustomer-port';

/**
 * Phone numbers travel beside addresses as keys `tel:<digits>` (`tel:+442079460018`, `tel:02079460018`):
 * the content script cannot resolve a national number (no library there), so the background does, in the
 * agent's default country.
 */
export const PHONE_KEY_PREFIX = 'tel:';

export const isPhoneKey = (key: string): boolean => key.startsWith(PHONE_KEY_PREFIX);

/** How many customers a typed-search fallback reads to find the one whose stored number matches. */
const FALLBACK_PAGE_SIZE = 25;

/** The agent's country for national numbers: the options' choice, else the browser's locale (`en-GB` → GB). */
export function defaultCountry(
  settings: Pick<Settings, 'phoneCountry'>,
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): CountryCode | undefined {
  if (settings.phoneCountry && isCountryCode(settings.phoneCountry)) return settings.phoneCountry;
  return countryFromLocale(languages);
}

/** The first locale that names a region (`de-CH` → CH; `fr` alone names none). */
export function countryFromLocale(languages: readonly string[]): CountryCode | undefined {
  for (const language of languages) {
    const region = language.split(/[-_]/)[1]?.toUpperCase();
    if (region && isCountryCode(region)) return region;
  }
  return undefined;
}

/** Whether a number is on the agent's never-look-up list (compared in E.164). */
export function isNeverLookUpPhone(
  e164: string,
  settings: Pick<Settings, 'neverLookUpPhones' | 'phoneCountry'>,
  country: CountryCode | undefined,
): boolean {
  return (settings.neverLookUpPhones ?? []).some((entry) => toE164(entry, country) === e164);
}

/** Whether phone detection runs on a page (on globally, and not turned off for its site). */
export function phonesOnFor(url: string, settings: Pick<Settings, 'phoneDetection' | 'phoneOffSites'>): boolean {
  if (settings.phoneDetection === false) return false;
  const origin = originOf(url);
  return origin === null || !(settings.phoneOffSites ?? []).includes(origin);
}

/** Whether a stored number (any form an org typed) is this E.164 number. */
function storedIs(stored: string, e164: string, country: CountryCode | undefined): boolean {
  if (toE164(stored, country) === e164) return true;
  // A national form stored by a team in the number's own country: `06.12.34.56.78` for +33612345678.
  const own = parsePhoneNumberFromString(e164, metadata)?.country;
  return own !== undefined && own !== country && toE164(stored, own) === e164;
}

/**
 * The customer with a number: `GET /v1/customers/phone=` first; orgs that stored the number in national
 * form (`(212) 555-0142`) or with a trunk prefix (`+49 (0)30 …`) are only found by typed search on
 * `customer_phone` with the national number, and each result is checked against the E.164 number.
 */
export async function customerByPhone(
  kustomer: Pick<KustomerPort, 'getCustomerByPhone' | 'searchCustomers'>,
  e164: string,
  country: CountryCode | undefined,
  /** A lookup a web page caused: served after the agent's calls (issue 21, finding 2). */
  page = false,
): Promise<CustomerResource | null> {
  const direct = await kustomer.getCustomerByPhone(e164, { page });
  if (direct) return direct;
  const national = parsePhoneNumberFromString(e164, metadata)?.nationalNumber;
  if (!national) return null;
  const found = await kustomer.searchCustomers(
    { queryContext: 'customer', and: [{ customer_phone: { contains: national } }] },
    { pageSize: FALLBACK_PAGE_SIZE },
    { page },
  );
  return (
    found.data.find((customer) =>
      (customer.attributes.phones ?? []).some((entry) => storedIs(entry.phone, e164, country)),
    ) ?? null
  );
}
