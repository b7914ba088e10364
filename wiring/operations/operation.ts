import type * as z from '../../shared/zod';
import type { HttpMethod, Scope } from '../names';

/** One success answer of an operation (documentation: the handler builds the body). */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodMiniType;
  etag?: boolean;
  /** Text media types also given instead of JSON, when `Accept` asks for one. */
  alsoAs?: readonly string[];
}

/**
 * Everything about one API operation, written once: the manifest (and with it CDK and the local
 * gateway), the OpenAPI document and the handler wrapper all read it.
 */
export interface OperationSpec {
  method: HttpMethod;
  /** API Gateway path syntax: `/customers/{customerId}`. */
  path: string;
  /** The handler's file name in the group's folder, without `.ts` (it exports `handler`). */
  file: string;
  /** All of these scopes are required; an empty list means the operation is public. */
  scopes: readonly Scope[];
  summary: string;
  /** The OpenAPI tag, when not the group's. */
  tag?: string;
  /** The path parameters, one property per `{name}` of the path. */
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** Media types accepted for the body; JSON unless said otherwise. */
  mediaTypes?: readonly string[];
  /**
   * Answers with an HTML page. A public page (no scopes: the survey and progress pages) answers
   * its problems as pages too; a page behind a token (the report) answers problem+json.
   */
  html?: boolean;
  /** Creating operations honour `Idempotency-Key` (their handler is an `idempotentApiHandler`). */
  idempotent?: boolean;
  /**
   * Looks up something a query names (the report's `agent`), so it may answer 404 without path
   * parameters; the OpenAPI document lists it.
   */
  findsByQuery?: boolean;
  /**
   * The handler creates, changes or disables staff members' sign-in accounts (Cognito users):
   * it gets `KEFU_STAFF_IDENTITY` and the user-pool admin grants, nothing else does.
   */
  managesStaffIdentity?: boolean;
  /** Success status → what is answered. */
  responses: Readonly<Record<number, ResponseSpec>>;
}

/** An operation as the rest of Kefu sees it: its id, its tag and its handler's file resolved. */
export type Operation<Spec extends OperationSpec = OperationSpec> = Omit<Spec, 'file' | 'tag'> & {
  operationId: string;
  tag: string;
  /** Source file of the Lambda handler, relative to the repository root. */
  handler: string;
};

type Resolved<Specs extends Record<string, OperationSpec>> = {
  [Id in keyof Specs & string]: Operation<Specs[Id]> & { operationId: Id };
};

/**
 * A capability's operations: each key is its operationId, each handler lives in
 * `functions/<folder>/<file>.ts`, each is tagged with the group's tag unless it names its own.
 */
export const operationGroup = <const Specs extends Record<string, OperationSpec>>(
  group: { tag: string; folder: string },
  specs: Specs,
): Resolved<Specs> =>
  Object.fromEntries(
    Object.entries(specs).map(([operationId, { file, tag, ...spec }]) => [
      operationId,
      {
        ...spec,
        operationId,
        tag: tag ?? group.tag,
        handler: `functions/${group.folder}/${file}.ts`,
      },
    ]),
  ) as Resolved<Specs>;
