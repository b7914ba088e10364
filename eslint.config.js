import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // The domain is pure: no AWS SDK, no network, no clock, no randomness. A Clock and an id
    // source are passed in, so every rule can be tested with fixed values.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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
  {
    // The services orchestrate domain rules over ports: no AWS, Lambda or HTTP code, no adapter.
    // What they need from outside is an interface in their capability's ports.ts.
    files: ['shared/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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
