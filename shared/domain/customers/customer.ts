import { DomainError } from '../errors';

export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CONTACT_CHANNELS = ['email', 'phone', 'sms', 'wechat', 'mail'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type Tier = (typeof TIERS)[number];

export const CONSENT_PURPOSES = ['surveys', 'marketing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** A consent answer with when and where it was given, as the privacy rules require. */
export interface Consent {
  granted: boolean;
  source: string;
  recordedAt: string;
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

const NOT_ASKED = 'not-asked';

const toConsent = (input: ConsentInput | undefined, now: string): Consent =>
  input
    ? { granted: input.granted, source: input.source, recordedAt: input.at ?? now }
    : { granted: false, source: NOT_ASKED, recordedAt: now };

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
