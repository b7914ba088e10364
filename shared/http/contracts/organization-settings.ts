import * as z from '../../zod';
import { describe } from './common';

/**
 * The contracts of a versioned setting whose document is a list of `item` (routing rules, SLA
 * and revisit policies): the PUT `body` (the list under its `field`, `min` to `max` long) and the
 * answer `schema`, registered under `ids` for the OpenAPI document.
 */
export const listSettingContracts = <F extends string, S extends z.ZodMiniType>(setting: {
  ids: { body: string; set: string };
  field: F;
  item: S;
  min?: number;
  max: number;
  defaultsMeaning?: string;
}) => {
  const { ids, field, item, min, max, defaultsMeaning } = setting;
  const bounded = z
    .array(item)
    .check(...(min === undefined ? [] : [z.minLength(min)]), z.maxLength(max));
  return {
    body: z
      .strictObject({ [field]: bounded } as Record<F, typeof bounded>)
      .register(z.globalRegistry, { id: ids.body }),
    schema: versionedSettingSchema(ids.set, field, z.array(item), defaultsMeaning),
  };
};

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
