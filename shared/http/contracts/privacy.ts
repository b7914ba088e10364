import { LEGAL_BASES } from '../../domain/customers/erasure';
import * as z from '../../zod';
import { customerSchema, interactionSchema } from './customers';
import { complaintSchema, timelineEntry } from './complaints';
import { pageOf, pageQuery, ulidSchema } from './common';
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

export const customerExportSchema = z
  .object({
    exportedAt: z.string(),
    customer: customerSchema,
    interactions: z.array(interactionSchema),
    complaints: z.array(z.object({ ...complaintSchema.shape, timeline: z.array(timelineEntry) })),
    services: z.array(serviceSchema),
    revisits: z.array(revisitSchema),
    surveys: z.array(surveySchema),
  })
  .register(z.globalRegistry, { id: 'CustomerExport' });
