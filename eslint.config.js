import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import patterns that keep a folder free of I/O, the clock and randomness. */
const pureImports = (folder) => [
  {
    group: ['@aws-sdk/*', '@aws-lambda-powertools/*', '@middy/*'],
    message: `${folder} stays free of AWS and Lambda code; use a port in shared/services.`,
  },
  {
    // Built-in modules by exact name (`regex`), so that a folder called http is not one of them.
    regex: '^(node:.*|https?|net|dns|crypto|fs)(/.*)?$',
    message: `${folder} stays free of I/O, network and crypto; pass what it needs in.`,
  },
  {
    group: ['ulid', 'uuid', 'jose', 'undici', 'axios'],
    message: `${folder} takes ids and tokens from ports, not libraries that call the clock or random.`,
  },
];

/** No clock, no randomness, no network, whatever is imported. */
const pureRules = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Take the time from a Clock.' },
    { object: 'Math', property: 'random', message: 'Take ids from an IdSource.' },
    { object: 'crypto', property: 'randomUUID', message: 'Take ids from an IdSource.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'Take the time from a Clock.',
    },
    { selector: "CallExpression[callee.name='fetch']", message: 'No network in pure code.' },
  ],
};

/** infra/ (the CDK app, the local runtime) imports Lambda code, never the other way round. */
const NO_INFRA = {
  group: ['**/infra/**', '**/infra'],
  message:
    'infra/ builds on shared/, functions/, events/ and wiring/; import names and the manifest from wiring/.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'bench-results/'] },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', fetch: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Arrows point down into infra/, never back up: Lambda code and the wiring manifest it reads
    // are built without the CDK app and the local runtime.
    files: ['shared/**/*.ts', 'functions/**/*.ts', 'events/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_INFRA] }] },
  },
  {
    // The wiring manifest is a leaf: contracts (zod schemas), events and domain constants only.
    files: ['wiring/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_INFRA,
            {
              group: ['**/adapters/**', '**/services/**'],
              message:
                'wiring/ is a leaf: it may import contract schemas, events and domain constants, not adapters or services.',
            },
            {
              // Everything of shared/http but its contracts (the zod schemas of the operations).
              regex: '(^|/)shared/http/(?!contracts/)',
              message:
                'wiring/ is a leaf: it may import contract schemas, events and domain constants, not the HTTP stack.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no AWS SDK, no network, no clock, no randomness. A Clock and an id
    // source are passed in, so every rule can be tested with fixed values.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_INFRA,
            ...pureImports('shared/domain'),
            {
              group: [
                '**/adapters/**',
                '**/services/**',
                '**/http/**',
                '**/presentation/**',
                '**/inbound-mail/**',
              ],
              message:
                'dependencies point inward: the domain imports nothing outside shared/domain.',
            },
          ],
        },
      ],
      ...pureRules,
    },
  },
  {
    // Presentation renders (mail texts, pages, reports, charts, CSV) and is as pure as the
    // domain: it is handed what to show and returns text. It may read the domain and the
    // operation contracts' limits; nothing reads it from the domain.
    files: ['shared/presentation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_INFRA,
            ...pureImports('shared/presentation'),
            {
              // Everything but the operation contracts (limits such as a message's length).
              regex: '(^|/)(adapters|services|messaging|http/(?!contracts/))',
              message:
                'shared/presentation renders what it is given: it imports the domain (and contracts), no adapters, services or handlers.',
            },
          ],
        },
      ],
      ...pureRules,
    },
  },
  {
    // Reading inbound mail (strip quotes and signatures, tell automatic mail, read a score or a
    // confirmation) is pure too; only the MIME parser uses a library and hashes bytes.
    files: ['shared/inbound-mail/**/*.ts'],
    ignores: ['shared/inbound-mail/parse-mime.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_INFRA,
            ...pureImports('shared/inbound-mail'),
            {
              regex: '(^|/)(adapters|services|messaging|http|presentation)/',
              message:
                'shared/inbound-mail reads what it is given: it imports the domain, no adapters, services, handlers or presentation.',
            },
          ],
        },
      ],
      ...pureRules,
    },
  },
  {
    // The services orchestrate domain rules over ports: no AWS, Lambda or HTTP code, no adapter.
    // What they need from outside is an interface in their capability's ports.ts.
    files: ['shared/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_INFRA,
            {
              group: ['@aws-sdk/*', '@aws-lambda-powertools/*', '@middy/*'],
              message:
                'shared/services stays free of AWS and Lambda code; declare a port in <capability>/ports.ts.',
            },
            {
              group: ['**/adapters/**', '**/http/**', '**/messaging/**', '**/functions/**'],
              message:
                'dependencies point inward: services import the domain and ports, never adapters, HTTP or handlers.',
            },
          ],
        },
      ],
    },
  },
);
