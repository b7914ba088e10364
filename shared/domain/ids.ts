/** Produces sortable unique ids (ULIDs in production); injected so rules stay deterministic. */
export interface IdSource {
  next(): string;
}

/** A ULID in its one stored spelling: 26 characters of Crockford base32, upper case. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Letters Crockford base32 leaves out, read as the digits they look like. */
const CROCKFORD_ALIASES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * Crockford base32 as people and mail clients write it, in its canonical spelling: any case
 * (a Reply-To address arrives lower-cased), I and L read as 1, O as 0.
 */
export const canonicalCrockford = (text: string): string =>
  text.toUpperCase().replace(/[OIL]/g, (letter) => CROCKFORD_ALIASES[letter] ?? letter);
