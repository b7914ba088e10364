import type * as z from '../zod';
import { type FieldError, problems } from './problem';

type Location = 'body' | 'query' | 'path';

const jsonPointer = (path: PropertyKey[]) =>
  `#/${path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

const toFieldError = (location: Location, issue: z.core.$ZodIssue): FieldError => {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const detail =
    issue.code === 'unrecognized_keys'
      ? `unknown field(s): ${issue.keys.join(', ')}`
      : `${where ?? location}: ${issue.message}`;
  if (location === 'body') return { detail, pointer: jsonPointer(issue.path) };
  return { detail, parameter: String(issue.path[0] ?? location) };
};

/** Validates one part of the request, answering 400 with every offending field at once. */
export const validate = <S extends z.ZodMiniType>(
  schema: S,
  location: Location,
  value: unknown,
): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw problems.validationFailed(
    result.error.issues.map((issue) => toFieldError(location, issue)),
  );
};
