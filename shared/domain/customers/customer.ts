import { DomainError } from '../errors';

export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CONTACT_CHANNELS = ['email', 'phone', 'sms', 'wechat', 'mail'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * What a customer may be contacted for, each consented to (or refused) on its own:
 * `surveys` (satisfaction surveys by email), `marketing` (festival greetings, announcements),
 * `serviceContact` (revisit calls and reminders after a service or a complaint).
 */
export const CONSENT_PURPOSES = ['surveys', 'marketing', 'serviceContact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * How each purpose reads a consent, declared once. `opt-in`: only a grant allows contact
 * (surveys, marketing). `opt-out`: contact belongs to the service the customer received (the
 * standards' revisits, seed 003: 修后交车72小时内对每一位客户进行电话关怀) and goes ahead unless the
 * customer said no; not asked is no refusal.
 */
export const CONSENT_RULES: Record<ConsentPurpose, 'opt-in' | 'opt-out'> = {
  surveys: 'opt-in',
  marketing: 'opt-in',
  serviceContact: 'opt-out',
};

/** The privacy notice version a consent was given to (see `privacy-notice.ts`). */
export interface NoticeVersionRef {
  noticeId: string;
  version: number;
}

/** A consent answer with when and where it was given, as the privacy rules require. */
export interface Consent {
  granted: boolean;
  source: string;
  recordedAt: string;
  /** The notice the customer was shown when answering; absent for consents recorded without one. */
  noticeVersion?: NoticeVersionRef;
}

/** When the customer prefers to be called, local time (Asia/Shanghai): 'HH:MM'–'HH:MM'. */
export interface ContactHours {
  from: string;
  to: string;
}

export interface Customer {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  preferredLanguage: Language;
  preferredChannel?: ContactChannel;
  preferredContactHours?: ContactHours;
  consents: Record<ConsentPurpose, Consent>;
  tags: string[];
  tier: Tier;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ConsentInput {
  granted: boolean;
  source: string;
  at?: string | undefined;
  noticeVersion?: NoticeVersionRef | undefined;
}

/** Contact data arrives already normalized (lower-case email, E.164 phone). */
export interface NewCustomer {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  preferredLanguage?: Language | undefined;
  preferredChannel?: ContactChannel | undefined;
  preferredContactHours?: ContactHours | undefined;
  consents?: Partial<Record<ConsentPurpose, ConsentInput>> | undefined;
  tags?: string[] | undefined;
  tier?: Tier | undefined;
}

/** JSON merge patch: `null` removes an optional field, an absent key leaves it alone. */
export interface CustomerPatch {
  name?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  preferredLanguage?: Language | undefined;
  preferredChannel?: ContactChannel | null | undefined;
  preferredContactHours?: ContactHours | null | undefined;
  consents?: Partial<Record<ConsentPurpose, ConsentInput>> | undefined;
  tags?: string[] | undefined;
  tier?: Tier | undefined;
}

export const NOT_ASKED = 'not-asked';
/** The source of a `serviceContact` refusal read from a surveys refusal stored before the purpose. */
export const MIGRATED_FROM_SURVEYS = 'migrated-from-surveys';

const toConsent = (input: ConsentInput | undefined, now: string): Consent =>
  input
    ? {
        granted: input.granted,
        source: input.source,
        recordedAt: input.at ?? now,
        ...(input.noticeVersion ? { noticeVersion: { ...input.noticeVersion } } : {}),
      }
    : { granted: false, source: NOT_ASKED, recordedAt: now };

/** The customer said no (not asked is no answer). */
export const consentRefused = (consent: Consent): boolean =>
  !consent.granted && consent.source !== NOT_ASKED;

/**
 * Whether the customer may be contacted for `purpose`, by its rule (`CONSENT_RULES`): an opt-in
 * purpose needs a grant, an opt-out purpose only the absence of a refusal. Whether a grant still
 * holds after a material notice change is `consentStanding` (`privacy-notice.ts`).
 */
export const mayContact = (customer: Customer, purpose: ConsentPurpose): boolean => {
  const consent = customer.consents[purpose];
  return CONSENT_RULES[purpose] === 'opt-in' ? consent.granted : !consentRefused(consent);
};

/**
 * A customer as stored before `serviceContact` existed, read without losing or inventing
 * anything: until then revisits were cancelled when the surveys consent had been refused, so
 * such a refusal reads as a `serviceContact` refusal (source `migrated-from-surveys`, its
 * time); a surveys grant or not-asked reads as not asked — a grant to surveys is no grant to
 * calls the customer was never told about (seed 002 ch. 8 §1.1.34 明确告知), and an opt-out
 * purpose calls them as before. Stored items are rewritten only by their next change.
 */
export const migrateCustomer = (stored: Customer): Customer => {
  const consents = stored.consents as Partial<Record<ConsentPurpose, Consent>>;
  if (consents.serviceContact) return stored;
  const surveys = stored.consents.surveys;
  const serviceContact: Consent = consentRefused(surveys)
    ? { granted: false, source: MIGRATED_FROM_SURVEYS, recordedAt: surveys.recordedAt }
    : { granted: false, source: NOT_ASKED, recordedAt: stored.createdAt };
  return { ...stored, consents: { ...stored.consents, serviceContact } };
};

const requireReachable = (email: string | undefined, phone: string | undefined) => {
  if (!email && !phone) {
    throw new DomainError(
      'rule-violated',
      'A customer needs an email or a phone number so that service staff can reach them.',
      { fields: ['email', 'phone'] },
    );
  }
};

const uniqueTags = (tags: string[]) => [...new Set(tags.map((tag) => tag.trim()))];

export const createCustomer = (id: string, input: NewCustomer, now: Date): Customer => {
  requireReachable(input.email, input.phone);
  const at = now.toISOString();
  return {
    id,
    name: input.name.trim(),
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    preferredLanguage: input.preferredLanguage ?? 'zh-CN',
    ...(input.preferredChannel ? { preferredChannel: input.preferredChannel } : {}),
    ...(input.preferredContactHours ? { preferredContactHours: input.preferredContactHours } : {}),
    consents: {
      surveys: toConsent(input.consents?.surveys, at),
      marketing: toConsent(input.consents?.marketing, at),
      serviceContact: toConsent(input.consents?.serviceContact, at),
    },
    tags: uniqueTags(input.tags ?? []),
    tier: input.tier ?? 'standard',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
};

const patched = <T>(current: T | undefined, next: T | null | undefined): T | undefined =>
  next === undefined ? current : next === null ? undefined : next;

export const applyCustomerPatch = (
  customer: Customer,
  patch: CustomerPatch,
  now: Date,
): Customer => {
  const at = now.toISOString();
  const email = patched(customer.email, patch.email);
  const phone = patched(customer.phone, patch.phone);
  const preferredChannel = patched(customer.preferredChannel, patch.preferredChannel);
  const preferredContactHours = patched(
    customer.preferredContactHours,
    patch.preferredContactHours,
  );
  requireReachable(email, phone);
  const consents = { ...customer.consents };
  for (const purpose of CONSENT_PURPOSES) {
    const change = patch.consents?.[purpose];
    if (change) consents[purpose] = toConsent(change, at);
  }
  const {
    email: _e,
    phone: _p,
    preferredChannel: _c,
    preferredContactHours: _h,
    ...rest
  } = customer;
  return {
    ...rest,
    name: patch.name?.trim() ?? customer.name,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    preferredLanguage: patch.preferredLanguage ?? customer.preferredLanguage,
    ...(preferredChannel ? { preferredChannel } : {}),
    ...(preferredContactHours ? { preferredContactHours } : {}),
    consents,
    tags: patch.tags ? uniqueTags(patch.tags) : customer.tags,
    tier: patch.tier ?? customer.tier,
    updatedAt: at,
    version: customer.version + 1,
  };
};
