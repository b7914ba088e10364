import type * as z from '../../zod';

export interface OperationContract {
  operationId: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  path?: z.ZodMiniType;
  /** Media types accepted for the body; JSON unless said otherwise. */
  mediaTypes?: string[];
  /**
   * Answers with an HTML page. A public page (no scopes: the survey and progress pages) answers
   * its problems as pages too; a page behind a token (the report) answers problem+json.
   */
  html?: boolean;
  /** Creating operations honour `Idempotency-Key`. */
  idempotent?: boolean;
  /** Success status → response body schema (documentation; the handler builds the body). */
  responses: Record<
    number,
    {
      description: string;
      schema?: z.ZodMiniType;
      etag?: boolean;
      /** Text media types also given instead of JSON, when `Accept` asks for one. */
      alsoAs?: string[];
    }
  >;
}
