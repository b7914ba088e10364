import { LEGAL_BASES } from '../../domain/customers/erasure';
import * as z from '../../zod';
import { CONSENT_PURPOSES } from '../../domain/customers/customer';
import { MAX_NOTICE_VERSIONS } from '../../domain/customers/privacy-notice';
import { customerSchema, interactionSchema, noticeIdSchema } from './customers';
import { complaintSchema, timelineEntry } from './complaints';
import { describe, pageOf, pageQuery, text, ulidSchema } from './common';
import { revisitSchema, serviceSchema } from './revisits';
import { surveySchema } from './surveys';

export const eraseCustomerQuery = z.strictObject({
  legalBasis: z._default(z.enum(LEGAL_BASES), 'data-subject-request'),
});

export const erasureSchema = z
  .object({
    tombstone: z.object({
      customerId: ulidSchema,
      erasedAt: z.string(),
      erasedBy: z.string(),
      legalBasis: z.enum(LEGAL_BASES),
    }),
    cancelledRevisits: z.int(),
    cancelledSurveys: z.int(),
  })
  .register(z.globalRegistry, { id: 'Erasure' });

export const accessRecordSchema = z
  .object({
    customerId: ulidSchema,
    at: z.string(),
    action: z.enum(['read', 'change']),
    actor: z.object({
      subject: z.string(),
      clientId: z.optional(z.string()),
      role: z.string(),
      department: z.optional(z.string()),
    }),
    operationId: z.string(),
    scopes: z.array(z.string()),
    requestId: z.string(),
  })
  .register(z.globalRegistry, { id: 'AccessRecord' });

export const accessLogPage = pageOf(accessRecordSchema, 'AccessLogPage');

export const accessLogQuery = z.strictObject(pageQuery);

/** Characters per language; three languages of it stay under the 64 kB body limit. */
export const NOTICE_TEXT_MAX = 8_000;

const noticeTexts = (max: number, what: string) =>
  describe(
    z.strictObject({ 'zh-CN': text(1, max), 'zh-TW': text(1, max), en: text(1, max) }),
    `${what}, in each language Kefu writes in`,
  );

const purposeList = z.array(z.enum(CONSENT_PURPOSES)).check(
  z.minLength(1),
  z.maxLength(CONSENT_PURPOSES.length),
  z.refine((purposes) => new Set(purposes).size === purposes.length, {
    message: 'a purpose is listed twice',
  }),
);

export const noticePathParams = z.strictObject({ noticeId: noticeIdSchema });

export const noticeVersionPathParams = z.strictObject({
  noticeId: noticeIdSchema,
  version: z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(MAX_NOTICE_VERSIONS))),
});

export const publishNoticeBody = z
  .strictObject({
    title: noticeTexts(200, 'The title'),
    text: noticeTexts(
      NOTICE_TEXT_MAX,
      'What is collected, for which purpose, how it is used and how it is kept safe (seed 002 §1.1.34 明确告知)',
    ),
    purposes: describe(purposeList, 'The consent purposes this notice informs about'),
    material: describe(
      z.boolean(),
      'A material change: consents given to earlier versions stop counting for these purposes until given again',
    ),
  })
  .register(z.globalRegistry, { id: 'NewPrivacyNoticeVersion' });

const purposes = z.array(z.enum(CONSENT_PURPOSES));

export const noticeVersionSchema = z
  .object({
    noticeId: z.string(),
    version: z.int(),
    title: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
    text: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
    purposes,
    material: z.boolean(),
    publishedAt: z.string(),
    publishedBy: z.string(),
  })
  .register(z.globalRegistry, { id: 'PrivacyNoticeVersion' });

export const privacyNoticeSchema = z
  .object({
    id: z.string(),
    currentVersion: z.int(),
    purposes,
    freshConsentSince: describe(
      z.partialRecord(z.enum(CONSENT_PURPOSES), z.int()),
      'Per purpose, the oldest version a consent may name and still count',
    ),
    history: z.array(
      z.object({
        version: z.int(),
        publishedAt: z.string(),
        purposes,
        material: z.boolean(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'PrivacyNotice' });

export const privacyNoticeWithCurrent = z
  .object({ ...privacyNoticeSchema.shape, current: noticeVersionSchema })
  .register(z.globalRegistry, { id: 'PrivacyNoticeWithCurrent' });

export const privacyNoticePage = pageOf(privacyNoticeSchema, 'PrivacyNoticePage');
export const listNoticesQuery = z.strictObject(pageQuery);

export const customerExportSchema = z
  .object({
    exportedAt: z.string(),
    customer: customerSchema,
    interactions: z.array(interactionSchema),
    complaints: z.array(z.object({ ...complaintSchema.shape, timeline: z.array(timelineEntry) })),
    services: z.array(serviceSchema),
    revisits: z.array(revisitSchema),
    surveys: z.array(surveySchema),
    privacyNotices: z
      .array(noticeVersionSchema)
      .check(
        z.describe('Each privacy notice version a consent names: the text the customer was shown'),
      ),
  })
  .register(z.globalRegistry, { id: 'CustomerExport' });
