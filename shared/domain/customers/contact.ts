import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/min';

/** Emails are compared case-insensitively as a whole; surrounding spaces are dropped. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export type PhoneNormalization = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Brings a phone number to E.164. Numbers without a country code are read in the default region
 * (mainland China unless configured), as agents type them.
 */
export const normalizePhone = (
  phone: string,
  defaultRegion: CountryCode = 'CN',
): PhoneNormalization => {
  try {
    const parsed = parsePhoneNumberWithError(phone, defaultRegion);
    if (!parsed.isValid()) return { ok: false, reason: 'not a valid phone number' };
    return { ok: true, e164: parsed.number };
  } catch {
    return { ok: false, reason: 'not a phone number' };
  }
};
