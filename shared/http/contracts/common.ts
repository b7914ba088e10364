import { canonicalCrockford, ULID_PATTERN } from '../../domain/ids';
import * as z from '../../zod';

/** Crockford base32 as a client may write it: any case, I L O included (U is no digit). */
const ULID_AS_WRITTEN = /^[0-9A-TV-Za-tv-z]{26}$/;

/**
 * An id: taken in any case and answered (and looked up) in its canonical upper case. The
 * OpenAPI document shows what is accepted for requests and what is given in responses.
 */
export const ulidSchema = z.pipe(
  z
    .string()
    .check(
      z.regex(ULID_AS_WRITTEN, 'must be a ULID (26 characters, Crockford base32)'),
      z.overwrite(canonicalCrockford),
    ),
  z.string().check(z.regex(ULID_PATTERN)),
);

export const isoDateTime = z.iso.datetime({ offset: true });

/** Writes without a body take no parameters either: a stray one is refused, not ignored. */
export const noQuery = z.strictObject({});

export const pageQuery = {
  limit: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(100))), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
};

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    errors: z.optional(
      z.array(
        z.object({
          detail: z.string(),
          pointer: z.optional(z.string()),
          parameter: z.optional(z.string()),
          header: z.optional(z.string()),
        }),
      ),
    ),
  })
  .register(z.globalRegistry, { id: 'Problem', description: 'RFC 9457 problem details' });

export const pageOf = <T extends z.ZodMiniType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.optional(
        z
          .string()
          .check(z.describe('Pass as `cursor` to read the next page; absent on the last page.')),
      ),
    })
    .register(z.globalRegistry, { id });

/** A trimmed string within bounds, as every free-text field is. */
export const text = (min: number, max: number) =>
  z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const describe = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.describe(description)) as T;

/** A staff member's id, as /staff/{staffId} takes it. */
export const staffIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore; at most 64'));
