import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const lint = async (code: string) => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, {
    filePath: 'shared/services/complaints/probe.ts',
  });
  return (result?.messages ?? []).map((message) => message.ruleId);
};

describe('the lint rule that keeps shared/services behind its ports', () => {
  it.each([
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = DynamoDBClient;",
    "import { Logger } from '@aws-lambda-powertools/logger';\nexport const l = Logger;",
    "import middy from '@middy/core';\nexport const m = middy;",
    "import { logger } from '../../adapters/logger';\nexport const l = logger;",
    "import { DynamoComplaintRepository } from '../../adapters/dynamodb/complaint-repository';\nexport const r = DynamoComplaintRepository;",
    "import { apiHandler } from '../../http/api-handler';\nexport const h = apiHandler;",
  ])('flags %s', async (code) => {
    expect(await lint(code)).toContain('no-restricted-imports');
  });

  it('allows the domain and the ports of another capability', async () => {
    expect(
      await lint(
        "import { transition } from '../../domain/complaints/lifecycle';\n" +
          "import type { CustomerRepository } from '../customers/ports';\n" +
          'export const t = transition;\nexport type C = CustomerRepository;',
      ),
    ).toEqual([]);
  });
});
