import * as z from '../../zod';
import { describe } from './common';

/** The fields every versioned setting answers with, beside the document itself. */
interface SettingMeta {
  version: z.ZodMiniInt;
  defaults: z.ZodMiniOptional<z.ZodMiniBoolean>;
}

/**
 * The answer of a versioned setting's GET and PUT (routing rules, SLA and revisit policies,
 * survey and report settings): the document under its `field`, its version, and whether the
 * built-in defaults apply because none was stored. Registered under `id` for the OpenAPI document.
 */
export const versionedSettingSchema = <F extends string, S extends z.ZodMiniType>(
  id: string,
  field: F,
  value: S,
  defaultsMeaning?: string,
) => {
  const defaults = defaultsMeaning ? describe(z.boolean(), defaultsMeaning) : z.boolean();
  const shape = { [field]: value, version: z.int(), defaults: z.optional(defaults) };
  return z.object(shape as Record<F, S> & SettingMeta).register(z.globalRegistry, { id });
};
