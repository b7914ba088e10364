import { DomainError, invalidReference } from '../errors';
import {
  type Consent,
  type ConsentPurpose,
  CONSENT_PURPOSES,
  type ConsentInput,
  type Language,
  LANGUAGES,
  type NoticeVersionRef,
} from './customer';

/**
 * Privacy notices (隐私告知): what the customer is told before consenting, as seed 002 ch. 8
 * §1.1.34 明確告知 asks — 在收集客戶個人信息之前,我們應當明確告知客戶收集的目的、范圍、用途及保密
 * 措施,保證客戶充分了解并同意我們的隱私保護政策. A notice has an id chosen by the admin and immutable
 * versions; each version holds its text in every language Kefu writes in and the consent purposes
 * it covers. A consent names the version it was given to (`noticeVersion`).
 */

/** Notice ids are chosen by the admin: lower-case words and digits joined by dashes. */
export const NOTICE_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** A notice keeps at most this many versions (its history lives on its head item). */
export const MAX_NOTICE_VERSIONS = 100;

export type NoticeTexts = Record<Language, string>;

/** What an admin publishes: the whole text, the purposes, whether it changed materially. */
export interface NoticeInput {
  title: NoticeTexts;
  text: NoticeTexts;
  purposes: ConsentPurpose[];
  /**
   * A material change (new purposes, other data, other recipients, weaker safeguards): the
   * consents given to earlier versions no longer count for its purposes until given again.
   */
  material: boolean;
}

/** One published version: never changed after it is written. */
export interface NoticeVersion extends NoticeInput {
  noticeId: string;
  version: number;
  publishedAt: string;
  publishedBy: string;
}

/** A version as the notice's head remembers it (no text). */
export interface NoticeVersionSummary {
  version: number;
  publishedAt: string;
  purposes: ConsentPurpose[];
  material: boolean;
}

/**
 * The notice's head: the current version and, per purpose, the version a consent must name (or
 * a later one) to count — raised by a material change and when a version (re)adds the purpose.
 */
export interface PrivacyNotice {
  id: string;
  currentVersion: number;
  purposes: ConsentPurpose[];
  freshConsentSince: Partial<Record<ConsentPurpose, number>>;
  history: NoticeVersionSummary[];
  createdAt: string;
  updatedAt: string;
  /** Optimistic locking: equals `currentVersion`. */
  version: number;
}

export interface NoticePublication {
  notice: PrivacyNotice;
  version: NoticeVersion;
  /** The purposes whose earlier consents stopped counting with this version. */
  freshConsentRequired: ConsentPurpose[];
}

const sameTexts = (a: NoticeTexts, b: NoticeTexts) => LANGUAGES.every((l) => a[l] === b[l]);
const samePurposes = (a: ConsentPurpose[], b: ConsentPurpose[]) =>
  a.length === b.length && a.every((purpose) => b.includes(purpose));

/** The purposes in the one order Kefu lists them. */
const ordered = (purposes: ConsentPurpose[]): ConsentPurpose[] =>
  CONSENT_PURPOSES.filter((purpose) => purposes.includes(purpose));

/**
 * The next version of a notice (the first when there is none), or `unchanged` when the input
 * repeats the current version without a material change (a retried PUT publishes nothing twice).
 * A material change that changes neither text nor purposes is refused: it would stop consents
 * for nothing the customer could read.
 */
export const publishNotice = (
  id: string,
  current: PrivacyNotice | undefined,
  currentVersion: NoticeVersion | undefined,
  input: NoticeInput,
  now: Date,
  by: string,
): NoticePublication | 'unchanged' => {
  const purposes = ordered(input.purposes);
  const at = now.toISOString();
  const repeats =
    currentVersion !== undefined &&
    sameTexts(currentVersion.text, input.text) &&
    sameTexts(currentVersion.title, input.title) &&
    samePurposes(currentVersion.purposes, purposes);
  if (repeats && !input.material) return 'unchanged';
  if (repeats) {
    throw new DomainError(
      'rule-violated',
      `Version ${currentVersion.version} of notice ${id} already says this; a material change must change its text or purposes.`,
      { errors: [{ pointer: '#/material', detail: 'nothing changed from the current version' }] },
    );
  }
  const number = (current?.currentVersion ?? 0) + 1;
  if (number > MAX_NOTICE_VERSIONS) {
    throw new DomainError(
      'rule-violated',
      `Notice ${id} has ${MAX_NOTICE_VERSIONS} versions, the most one notice keeps; publish the text under a new notice id.`,
    );
  }
  const freshConsentSince = { ...(current?.freshConsentSince ?? {}) };
  const freshConsentRequired: ConsentPurpose[] = [];
  for (const purpose of purposes) {
    const added = current !== undefined && !current.purposes.includes(purpose);
    if (input.material || added) {
      freshConsentSince[purpose] = number;
      freshConsentRequired.push(purpose);
    } else if (current === undefined) {
      freshConsentSince[purpose] = number;
    }
  }
  const version: NoticeVersion = {
    noticeId: id,
    version: number,
    title: { ...input.title },
    text: { ...input.text },
    purposes,
    material: input.material,
    publishedAt: at,
    publishedBy: by,
  };
  const notice: PrivacyNotice = {
    id,
    currentVersion: number,
    purposes,
    freshConsentSince,
    history: [
      ...(current?.history ?? []),
      { version: number, publishedAt: at, purposes, material: input.material },
    ],
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
    version: number,
  };
  return { notice, version, freshConsentRequired };
};

/**
 * Checks what a consent input says about its notice, against the heads of the notices it names:
 * the version exists, covers the purpose, and was published by the time the consent was given.
 * Throws an `invalid-reference` naming the field (`#/consents/<purpose>/noticeVersion`).
 */
export const checkConsentNotice = (
  purpose: ConsentPurpose,
  input: ConsentInput,
  notice: PrivacyNotice | undefined,
  now: Date,
  pointerPrefix = '#/consents',
): void => {
  const ref = input.noticeVersion;
  if (!ref) return;
  const pointer = `${pointerPrefix}/${purpose}/noticeVersion`;
  if (!notice) throw invalidReference(`${pointer}/noticeId`, `no privacy notice ${ref.noticeId}`);
  const published = notice.history.find((entry) => entry.version === ref.version);
  if (!published) {
    throw invalidReference(
      `${pointer}/version`,
      `privacy notice ${ref.noticeId} has versions 1 to ${notice.currentVersion}, not ${ref.version}`,
    );
  }
  if (!published.purposes.includes(purpose)) {
    throw invalidReference(
      `${pointer}/version`,
      `version ${ref.version} of privacy notice ${ref.noticeId} does not cover ${purpose} (it covers ${published.purposes.join(', ') || 'nothing'})`,
    );
  }
  const at = input.at ?? now.toISOString();
  if (Date.parse(at) < Date.parse(published.publishedAt)) {
    throw invalidReference(
      `${pointer}/version`,
      `version ${ref.version} of privacy notice ${ref.noticeId} was published on ${published.publishedAt}, later than the consent (${at}): it cannot have been shown`,
    );
  }
};

/** The notice ids the consents of an input name (to read their heads once). */
export const noticesNamed = (
  consents: Partial<Record<ConsentPurpose, { noticeVersion?: NoticeVersionRef | undefined }>>,
): string[] => [
  ...new Set(
    Object.values(consents).flatMap((consent) =>
      consent?.noticeVersion ? [consent.noticeVersion.noticeId] : [],
    ),
  ),
];

/**
 * Whether a consent allows contact today: `granted`, `not-granted`, or
 * `fresh-consent-required` — a grant given to a version of a notice that has since changed
 * materially for the purpose (or no longer covers it). A grant that names no notice was recorded
 * before consents named notices (or by an integrator that does not send one): it stands as it
 * was given. A named notice that cannot be read fails closed.
 */
export const consentStanding = (
  purpose: ConsentPurpose,
  consent: Consent,
  noticeOf: (id: string) => PrivacyNotice | undefined,
): 'granted' | 'not-granted' | 'fresh-consent-required' => {
  if (!consent.granted) return 'not-granted';
  const ref = consent.noticeVersion;
  if (!ref) return 'granted';
  const notice = noticeOf(ref.noticeId);
  if (!notice || !notice.purposes.includes(purpose)) return 'fresh-consent-required';
  return ref.version >= (notice.freshConsentSince[purpose] ?? 1)
    ? 'granted'
    : 'fresh-consent-required';
};
