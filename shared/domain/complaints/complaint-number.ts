/**
 * Complaint numbers as customers quote them. A number is `KF-<yyyymmdd>-<6 characters>` (see
 * `complaintNumber`), the last six the end of the complaint's ULID (Crockford base32). People
 * type it in many ways: lower case, full-width (ＫＦ－２０２６…, from Chinese input methods),
 * with spaces, with other dashes (–, —, −, ー), or none. All of these read as the same number.
 */

import { canonicalCrockford } from '../ids';

/** Dash-like characters people and input methods put between the parts. */
const DASHES = /[\u002d\u2010-\u2015\u2212\u2e3a\u2e3b\u30fc\ufe58\ufe63\uff0d\uff70_]/g;
const SPACES = /\s+/g;

const CANONICAL = /^KF-?(\d{8})-?([0-9A-Z]{6})$/;
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{6}$/;

/** Full-width forms to ASCII (NFKC), dashes to `-`, upper case; spaces kept. */
const fold = (text: string): string => text.normalize('NFKC').replace(DASHES, '-').toUpperCase();

const canonical = (date: string, suffix: string): string | undefined => {
  const tail = canonicalCrockford(suffix);
  if (!CROCKFORD.test(tail)) return undefined;
  const month = Number(date.slice(4, 6));
  const day = Number(date.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `KF-${date}-${tail}`;
};

/** The number in its one stored spelling, or undefined when `input` is not a complaint number. */
export const normalizeComplaintNumber = (input: string): string | undefined => {
  if (input.length > 64) return undefined;
  const match = CANONICAL.exec(fold(input).replace(SPACES, ''));
  return match ? canonical(match[1] ?? '', match[2] ?? '') : undefined;
};

/** Where a number may sit inside a longer text (an email subject): parts separated loosely. */
const IN_TEXT = /(?<![0-9A-Z])KF\s*-?\s*(\d{8})\s*-?\s*([0-9A-Z]{6})(?![0-9A-Z])/;

/** The first complaint number written anywhere in `text`, normalized. */
export const complaintNumberInText = (text: string): string | undefined => {
  const match = IN_TEXT.exec(fold(text));
  return match ? canonical(match[1] ?? '', match[2] ?? '') : undefined;
};
