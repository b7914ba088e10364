import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
            {
              group: ['@aws-sdk/*', '@aws-lambda-powertools/*', '@middy/*'],
              message:
                'shared/domain stays free of AWS and Lambda code; use a port in shared/services.',
            },
            {
              group: ['node:*', 'http', 'https', 'net', 'dns', 'crypto', 'fs'],
              message:
                'shared/domain stays free of I/O, network and crypto; pass what it needs in.',
            },
            {
              group: ['ulid', 'uuid', 'jose', 'undici', 'axios'],
              message:
                'shared/domain takes ids and tokens from ports, not libraries that call the clock or random.',
            },
            {
              group: ['**/adapters/**', '**/services/**', '**/http/**'],
              message:
                'dependencies point inward: the domain imports nothing outside shared/domain.',
            },
          ],
        },
      ],
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
        { selector: "CallExpression[callee.name='fetch']", message: 'No network in the domain.' },
      ],
    },
  },
);
