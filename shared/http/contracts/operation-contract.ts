import type * as z from '../../zod';

export interface OperationContract {
  operationId: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  path?: z.ZodMiniType;
  /** Media types accepted for the body; JSON unless said otherwise. */
  mediaTypes?: string[];
  /** Answers with HTML pages (public survey pages), problems included. */
  html?: boolean;
  /** Creating operations honour `Idempotency-Key`. */
  idempotent?: boolean;
  /** Success status → response body schema (documentation; the handler builds the body). */
  responses: Record<number, { description: string; schema?: z.ZodMiniType; etag?: boolean }>;
}
