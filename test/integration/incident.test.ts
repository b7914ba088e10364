import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { DynamoAccessLog } from '../../shared/adapters/dynamodb/access-log';
import { api, newCustomer, stack, tokenFor } from '../support/harness';
import { runTool } from '../support/tool-cli';

const run = Date.now().toString(36);
const leaky = `leaky-agent-${run}`;
const careful = `careful-agent-${run}`;

interface Findings {
  accesses: number;
  customers: {
    customerId: string;
    firstAccessAt: string;
    lastAccessAt: string;
    reads: number;
    changes: number;
    operations: string[];
  }[];
}

/** `npm run incident` against the test stack's DynamoDB Local. */
const incidentCli = (args: string[]) =>
  runTool('incident', args, {
    KEFU_DYNAMODB_PORT: new URL(stack.urls.dynamodb).port,
    KEFU_TABLE_NAME: stack.tableName,
  });

const accessTimes = async (customerId: string, auditor: string) => {
  const log = await api<{ items: { at: string; actor: { subject: string } }[] }>(
    `/customers/${customerId}/access-log`,
    { token: auditor },
  );
  return log.body.items.map((item) => item.at);
};

let leakyToken: string;
let carefulToken: string;
let auditor: string;

beforeAll(async () => {
  const scopes = ['customers:read', 'customers:write'] as const;
  leakyToken = await tokenFor([...scopes], { role: 'admin', subject: leaky });
  carefulToken = await tokenFor([...scopes], { role: 'admin', subject: careful });
  auditor = await tokenFor(['audit:read'], { role: 'admin', subject: `auditor-${run}` });
});

describe('npm run incident -- affected', () => {
  it("lists exactly the customers a leaked actor's requests touched, with counts", async () => {
    const created = async (token: string) =>
      (await api<{ id: string }>('/customers', { token, body: newCustomer() })).body.id;
    const first = await created(leakyToken);
    const second = await created(leakyToken);
    const untouched = await created(carefulToken);
    await api(`/customers/${first}`, { token: leakyToken });
    await api(`/customers/${first}`, { token: leakyToken });
    await api(`/customers/${untouched}`, { token: carefulToken });

    const times = [...(await accessTimes(first, auditor)), ...(await accessTimes(second, auditor))];
    const since = times.reduce((a, b) => (a < b ? a : b));
    const until = times.reduce((a, b) => (a > b ? a : b));

    const result = await incidentCli([
      'affected',
      '--since',
      since,
      '--until',
      until,
      '--actor',
      leaky,
      '--format',
      'json',
    ]);
    expect(result.stderr).toContain('2 customers affected by 4 accesses');
    expect(result.exitCode).toBe(0);
    const findings = JSON.parse(result.stdout) as Findings;
    expect(findings.accesses).toBe(4);
    expect(findings.customers.map((customer) => customer.customerId).sort()).toEqual(
      [first, second].sort(),
    );
    const firstFound = findings.customers.find((customer) => customer.customerId === first);
    expect(firstFound).toMatchObject({
      reads: 2,
      changes: 1,
      operations: ['createCustomer', 'getCustomer'],
    });

    // A window that opens after the last access finds nobody.
    const later = new Date(Date.parse(until) + 1).toISOString();
    const none = await incidentCli([
      'affected',
      '--since',
      later,
      '--until',
      later,
      '--actor',
      leaky,
      '--format',
      'csv',
    ]);
    expect(none.exitCode).toBe(0);
    expect(none.stdout.trim()).toBe(
      'customerId,firstAccessAt,lastAccessAt,reads,changes,operations',
    );
  });

  it("finds a client's accesses across a month end, stored twice or not in order", async () => {
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: stack.urls.dynamodb,
    });
    const client = `leaked-client-${run}`;
    const access = (customerId: string, at: string, subject: string) => ({
      customerId,
      at,
      action: 'read' as const,
      actor: { subject, clientId: client, role: 'integrator' },
      operationId: 'listCustomers',
      scopes: ['customers:read'],
      requestId: `req-${customerId}`,
    });
    const december = access(`cust-b-${run}`, '2025-12-01T00:01:00.000Z', 'webhook:w1');
    const november = access(`cust-a-${run}`, '2025-11-30T23:59:00.000Z', client);
    const log = new DynamoAccessLog(stack.tableName);
    await log.record([december]);
    await log.record([november, december]);

    const result = await incidentCli([
      'affected',
      '--since',
      '2025-11-30',
      '--until',
      '2025-12-01',
      '--client',
      client,
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('2025-11: 1 accesses so far');
    expect(result.stderr).toContain('2 customers affected by 2 accesses');
    const rows = result.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^customerId\s+firstAccessAt/);
    expect(rows.slice(1).map((row) => row.split(/\s+/)[0])).toEqual([
      november.customerId,
      december.customerId,
    ]);
  });

  it('refuses unclear requests with a one-line reason and no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['--since', '2026-01-01', '--actor', leaky], /`affected` is the one command/],
      [['affected', '--actor', leaky], /--since is required/],
      [['affected', '--since', 'yesterday', '--actor', leaky], /ISO 8601/],
      [
        ['affected', '--since', '2026-02-01', '--until', '2026-01-01', '--actor', leaky],
        /is after --until/,
      ],
      [
        ['affected', '--since', '2026-01-01', '--actor', leaky, '--client', 'x'],
        /exactly one suspect/,
      ],
      [['affected', '--since', '2026-01-01'], /exactly one suspect/],
      [
        ['affected', '--since', '2026-01-01', '--actor', leaky, '--format', 'xml'],
        /table, json or csv/,
      ],
      [['affected', '--since', '2026-01-01', '--actor', leaky, '--aws'], /--aws needs --table/],
      [['affected', '--since', '2026-01-01', '--actor', ' '], /non-empty/],
    ];
    for (const [args, reason] of cases) {
      const result = await incidentCli(args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
    }
  });
});
