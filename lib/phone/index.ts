// The content script imports './candidates' directly: it must not pull libphonenumber-js in.
export { findPhoneCandidates, type PhoneSpan, phoneKey } from './candidates';
export { type CountryCode, findPhones, isCountryCode, type PhoneMatch, toE164 } from './validate';
