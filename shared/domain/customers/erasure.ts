/** Why a customer's personal data was erased (PIPL art. 47, GDPR art. 17). */
export const LEGAL_BASES = [
  'data-subject-request',
  'consent-withdrawn',
  'purpose-fulfilled',
  'retention-expired',
  'legal-obligation',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** What is kept of an erased customer: enough to prove the erasure and to ignore later events. */
export interface Tombstone {
  customerId: string;
  erasedAt: string;
  erasedBy: string;
  legalBasis: LegalBasis;
}

export const tombstoneFor = (
  customerId: string,
  legalBasis: LegalBasis,
  erasedBy: string,
  now: Date,
): Tombstone => ({ customerId, erasedAt: now.toISOString(), erasedBy, legalBasis });
