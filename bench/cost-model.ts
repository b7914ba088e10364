/**
 * Cost model: what each business operation made Kefu call in the benchmarks of this run
 * (complaint-routing.json, survey-sending.json: every SDK call counted, DynamoDB units as
 * DynamoDB Local reported them), times how often a customer does it in a month, times published
 * us-east-1 on-demand prices, for 10 k, 100 k and 1 M customers. Writes docs/COST.md.
 */
import { writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { wiring } from '../wiring/manifest';
import { machine, progress, readResult, round, writeResult } from './support/results';
import { addUsage as add, NO_USAGE, scaleUsage as scale, type Usage } from './support/usage';

const COST_DOC = 'docs/COST.md';

/** us-east-1 list prices (USD), as the AWS pricing pages gave them in 2025; no free tier applied. */
const PRICES = {
  asOf: '2025 (DynamoDB on-demand after the 1 November 2024 reduction)',
  apiGatewayPerMillion: 1.0,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamodbWritePerMillionUnits: 0.625,
  dynamodbReadPerMillionUnits: 0.125,
  dynamodbStoragePerGbMonth: 0.25,
  dynamodbPitrPerGbMonth: 0.2,
  sqsPerMillionRequests: 0.4,
  eventBridgePerMillionEvents: 1.0,
  sesPerThousandEmails: 0.1,
  kmsPerTenThousandRequests: 0.03,
  kmsPerKeyMonth: 1.0,
  secretsManagerPerSecretMonth: 0.4,
  logsPerGbIngested: 0.5,
  xrayPerMillionTraces: 5.0,
};

const SOURCES = [
  ['API Gateway (HTTP APIs)', 'https://aws.amazon.com/api-gateway/pricing/'],
  ['Lambda (Arm)', 'https://aws.amazon.com/lambda/pricing/'],
  [
    'DynamoDB (on-demand, Standard table class)',
    'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  ],
  ['SQS (standard queues)', 'https://aws.amazon.com/sqs/pricing/'],
  ['EventBridge (custom events)', 'https://aws.amazon.com/eventbridge/pricing/'],
  ['SES (outbound email)', 'https://aws.amazon.com/ses/pricing/'],
  ['KMS', 'https://aws.amazon.com/kms/pricing/'],
  ['Secrets Manager', 'https://aws.amazon.com/secrets-manager/pricing/'],
  ['CloudWatch Logs', 'https://aws.amazon.com/cloudwatch/pricing/'],
  ['X-Ray', 'https://aws.amazon.com/xray/pricing/'],
];

/** How often each customer does each thing in a month: assumptions, to be replaced by real data. */
const PROFILE = {
  newCustomersShare: 0.02,
  profileReads: 2,
  complaints: 0.03,
  worklistReadsPerComplaint: 10,
  /** The quarterly campaign reaches everyone once a quarter; closed complaints add after-case surveys. */
  quarterlySurveys: 1 / 3,
  remindedShare: 0.7,
  answeredShare: 0.3,
};

/** Fixed monthly load, independent of customers. */
const MONTH_MINUTES = 30 * 24 * 60;
const SCHEDULE_INVOCATIONS: Record<string, number> = {
  'rate(5 minutes)': MONTH_MINUTES / 5,
  'rate(15 minutes)': MONTH_MINUTES / 15,
};
/** An idle SQS event source mapping long-polls with about five pollers: ~15 receives a minute. */
const IDLE_RECEIVES_PER_QUEUE_MINUTE = 15;
const KMS_KEYS = 3; // table data, personal data, operations logs
const SECRETS = 2; // signing key, blind-index key
const LAMBDA_MEMORY_GB = 1;
const API_SECONDS = 0.1;
const CONSUMER_SECONDS = 0.2;
const LOG_KB_PER_INVOCATION = 1;
/** X-Ray's default sampling: the first request each second, then 5 %. */
const XRAY_RESERVOIR_PER_MONTH = MONTH_MINUTES * 60;
const RETAINED_MONTHS = 12;

interface Operation {
  name: string;
  perCustomerMonth: number;
  usage: Usage;
  source: string;
}

const dollars = (value: number) =>
  value >= 100
    ? `$${value.toFixed(0)}`
    : value >= 1
      ? `$${value.toFixed(2)}`
      : value >= 0.01
        ? `$${value.toFixed(3)}`
        : `$${value.toFixed(5)}`;

const main = async () => {
  console.log('Cost model (counted calls × a monthly usage profile × published prices)');
  const routing = readResult<{
    usage: Record<string, Usage>;
    settings: { complaints: number; lifecycleComplaints: number; flowRequests: number };
  }>('complaint-routing');
  const surveys = readResult<{
    usage: Record<string, Usage>;
    settings: { customers: number };
    totals: { planned: number; sent: number; answers: number };
  }>('survey-sending');
  if (!routing || !surveys) {
    throw new Error('needs bench-results/complaint-routing.json and survey-sending.json');
  }
  const measured = (result: { usage: Record<string, Usage> }, name: string): Usage => {
    const usage = result.usage[name];
    if (!usage) throw new Error(`no usage counted for ${name}`);
    return { ...NO_USAGE, ...usage };
  };
  const surveyed = PROFILE.quarterlySurveys + PROFILE.complaints;
  const requests = `complaint-routing: ${routing.settings.flowRequests} requests`;
  const operations: Operation[] = [
    {
      name: 'register a customer (POST /customers)',
      perCustomerMonth: PROFILE.newCustomersShare,
      usage: measured(routing, 'registerCustomer'),
      source: requests,
    },
    {
      name: 'read a customer (GET /customers/{id})',
      perCustomerMonth: PROFILE.profileReads,
      usage: measured(routing, 'readCustomer'),
      source: requests,
    },
    {
      name: 'file a complaint → routed, assigned, acknowledged, owner told',
      perCustomerMonth: PROFILE.complaints,
      usage: measured(routing, 'fileAndAssign'),
      source: `complaint-routing: ${routing.settings.complaints} complaints end to end`,
    },
    {
      name: 'reply to, resolve and close a complaint → revisit and survey planned',
      perCustomerMonth: PROFILE.complaints,
      usage: measured(routing, 'replyResolveClose'),
      source: `complaint-routing: ${routing.settings.lifecycleComplaints} complaints`,
    },
    {
      name: 'a page of 20 complaints is listed (GET /complaints?status=assigned)',
      perCustomerMonth: PROFILE.complaints * PROFILE.worklistReadsPerComplaint,
      usage: measured(routing, 'listWorklist'),
      source: requests,
    },
    {
      name: 'survey a customer (campaign page, plan, send, SurveySent)',
      perCustomerMonth: surveyed,
      usage: measured(surveys, 'surveyedCustomer'),
      source:
        `survey-sending: the ${surveys.settings.customers.toLocaleString('en')}-customer campaign ` +
        `(${surveys.totals.planned} planned, ${surveys.totals.sent} sent)`,
    },
    {
      name: 'remind a non-responder (assumed: as much as a survey)',
      perCustomerMonth: surveyed * PROFILE.remindedShare,
      usage: measured(surveys, 'surveyedCustomer'),
      source: 'not measured: the survey figures reused',
    },
    {
      name: 'answer a survey (POST /s/{token})',
      perCustomerMonth: surveyed * PROFILE.answeredShare,
      usage: measured(surveys, 'answer'),
      source: `survey-sending: ${surveys.totals.answers} answers`,
    },
  ];

  const queues = wiring.queues.length;
  const scheduleInvocations = wiring.schedules.reduce(
    (sum, schedule) => sum + (SCHEDULE_INVOCATIONS[schedule.expression] ?? 30),
    0,
  );
  const idleReceives = queues * IDLE_RECEIVES_PER_QUEUE_MINUTE * MONTH_MINUTES;

  const monthly = (customers: number) => {
    let usage = { ...NO_USAGE };
    for (const operation of operations) {
      usage = add(usage, scale(operation.usage, operation.perCustomerMonth * customers));
    }
    const invocations = usage.apiRequests + usage.consumerInvocations + scheduleInvocations;
    const gbSeconds =
      LAMBDA_MEMORY_GB *
      (usage.apiRequests * API_SECONDS +
        (usage.consumerInvocations + scheduleInvocations) * CONSUMER_SECONDS);
    const traces =
      Math.min(invocations, XRAY_RESERVOIR_PER_MONTH) +
      0.05 * Math.max(0, invocations - XRAY_RESERVOIR_PER_MONTH);
    // The table after a year: every customer's items, plus a year of what operations keep.
    const customerKb = measured(routing, 'registerCustomer').storedKb;
    const monthlyKb = usage.storedKb - customerKb * PROFILE.newCustomersShare * customers;
    const storedGb = (customers * customerKb + RETAINED_MONTHS * monthlyKb) / 1024 / 1024;
    const lines: Record<string, number> = {
      'API Gateway': (usage.apiRequests / 1e6) * PRICES.apiGatewayPerMillion,
      'Lambda requests': (invocations / 1e6) * PRICES.lambdaRequestsPerMillion,
      'Lambda duration': gbSeconds * PRICES.lambdaArmPerGbSecond,
      'DynamoDB writes': (usage.dynamodbWriteUnits / 1e6) * PRICES.dynamodbWritePerMillionUnits,
      'DynamoDB reads':
        ((usage.dynamodbReadUnits + scheduleInvocations) / 1e6) *
        PRICES.dynamodbReadPerMillionUnits,
      'DynamoDB storage and PITR':
        storedGb * (PRICES.dynamodbStoragePerGbMonth + PRICES.dynamodbPitrPerGbMonth),
      'SQS (work)': (usage.sqsRequests / 1e6) * PRICES.sqsPerMillionRequests,
      'SQS (idle polling)': (idleReceives / 1e6) * PRICES.sqsPerMillionRequests,
      EventBridge: (usage.eventBridgeEvents / 1e6) * PRICES.eventBridgePerMillionEvents,
      SES: (usage.sesEmails / 1000) * PRICES.sesPerThousandEmails,
      KMS:
        (usage.kmsRequests / 1e4) * PRICES.kmsPerTenThousandRequests +
        KMS_KEYS * PRICES.kmsPerKeyMonth,
      'Secrets Manager': SECRETS * PRICES.secretsManagerPerSecretMonth,
      'CloudWatch Logs':
        ((invocations * LOG_KB_PER_INVOCATION) / 1024 / 1024) * PRICES.logsPerGbIngested,
      'X-Ray': (traces / 1e6) * PRICES.xrayPerMillionTraces,
    };
    const total = Object.values(lines).reduce((sum, value) => sum + value, 0);
    return { customers, usage, invocations, storedGb, lines, total };
  };

  const sizes = [10_000, 100_000, 1_000_000].map(monthly);
  const columns = sizes.map((size) => `${(size.customers / 1000).toLocaleString('en')} k`);
  const lineNames = Object.keys(sizes[0]?.lines ?? {});
  const perOperationRows = operations.map((operation) => {
    const u = operation.usage;
    return `| ${operation.name} | ${round(operation.perCustomerMonth, 3)} | ${round(u.apiRequests, 2)} | ${round(u.consumerInvocations, 2)} | ${round(u.dynamodbReadUnits, 1)} | ${round(u.dynamodbWriteUnits, 1)} | ${round(u.sqsRequests, 1)} | ${round(u.eventBridgeEvents, 1)} | ${round(u.sesEmails, 2)} | ${round(u.kmsRequests, 2)} | ${round(u.storedKb, 1)} | ${operation.source} |`;
  });
  const doc = `# Cost model

Generated by \`npm run bench\` (\`bench/cost-model.ts\`) on ${new Date().toISOString().slice(0, 10)}
from the calls counted in that run; do not edit by hand. Monthly cost for 10 k, 100 k and 1 M
customers at us-east-1 on-demand list prices, no free tier, with the usage profile below.

## How the units were counted

Every AWS SDK call the handlers made while the benchmarks ran them on the local stack was seen
(the SDK clients' \`send\` wrapped in the benchmark process, \`bench/support/sdk-calls.ts\`), from
the request until the last asynchronous consequence settled (queues empty, no further calls):

- **DynamoDB read/write units**: \`ReturnConsumedCapacity: INDEXES\` on every call; DynamoDB Local
  computes them by DynamoDB's rules (1 KB writes, 4 KB reads, eventually consistent reads at
  half, index writes included). Conditional writes that fail still count. Transactions are the
  exception: Local counts only their Put actions, so the bench recomputes every transaction
  (\`bench/support/capacity.ts\`): 2 units per KB for each action's item and as much for each index
  it is keyed in, updated items sized as they stand after the run.
- **SQS requests**: SendMessage(Batch) (handlers, and the event bus delivering to queues),
  receives that returned messages and DeleteMessageBatch (the local pollers, as an event source
  mapping makes them). Idle long-polling is a fixed cost, modeled below, not counted.
- **Consumer invocations**: receives that returned messages, and stream reads with records for a
  stream consumer (one invocation per consumer and batch). API requests are counted apart.
- **EventBridge events**: PutEvents entries. **SES emails**: SendEmail calls.
- **KMS requests** (inferred, not seen: locally a raw AES key stands in for KMS): one
  GenerateDataKey per customer data key written, one Decrypt per data key read from the table
  (a Lambda instance keeps unwrapped keys for a minute, so this is the cold case).
- **Stored KB**: items written that are kept (no TTL within 30 days), once per item, with a copy
  per index keyed (all indexes project all attributes); sizes approximated from the attributes.

## Per operation (measured in this run)

| operation | per customer and month | API requests | consumer invocations | read units | write units | SQS requests | events | emails | KMS requests | stored KB | counted from |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${perOperationRows.join('\n')}

The frequencies are assumptions, not measurements: ${round(PROFILE.newCustomersShare * 100, 1)} % new customers a month, ${PROFILE.profileReads}
profile reads per customer, ${round(PROFILE.complaints * 100, 1)} % of customers complain in a month (each complaint replied to,
resolved and closed, and a page of 20 complaints listed ${PROFILE.worklistReadsPerComplaint} times for each), everyone surveyed once a quarter plus
an after-case survey per closed complaint, ${round(PROFILE.remindedShare * 100)} % reminded, ${round(PROFILE.answeredShare * 100)} % answering. Change them in
\`bench/cost-model.ts\`.

## Monthly cost

| | ${columns.join(' | ')} |
| --- | ${columns.map(() => '---:').join(' | ')} |
${lineNames.map((line) => `| ${line} | ${sizes.map((size) => dollars(size.lines[line] ?? 0)).join(' | ')} |`).join('\n')}
| **total** | ${sizes.map((size) => `**${dollars(size.total)}**`).join(' | ')} |
| per customer | ${sizes.map((size) => `$${(size.total / size.customers).toFixed(5)}`).join(' | ')} |
| API requests | ${sizes.map((size) => Math.round(size.usage.apiRequests).toLocaleString('en')).join(' | ')} |
| Lambda invocations | ${sizes.map((size) => Math.round(size.invocations).toLocaleString('en')).join(' | ')} |
| DynamoDB write units | ${sizes.map((size) => Math.round(size.usage.dynamodbWriteUnits).toLocaleString('en')).join(' | ')} |
| DynamoDB read units | ${sizes.map((size) => Math.round(size.usage.dynamodbReadUnits).toLocaleString('en')).join(' | ')} |
| SES emails | ${sizes.map((size) => Math.round(size.usage.sesEmails).toLocaleString('en')).join(' | ')} |
| table size after ${RETAINED_MONTHS} months (GB) | ${sizes.map((size) => round(size.storedGb, 2)).join(' | ')} |

Modeled, not measured: Lambda duration at ${LAMBDA_MEMORY_GB * 1024} MB (Arm) taking ${API_SECONDS * 1000} ms per API request and
${CONSUMER_SECONDS * 1000} ms per consumer or schedule invocation; ${LOG_KB_PER_INVOCATION} KB of logs per invocation; X-Ray's default
sampling (one trace a second, then 5 %); schedules (${Math.round(scheduleInvocations).toLocaleString('en')} invocations a month, one read unit each);
idle long-polling of the ${queues} queues (${IDLE_RECEIVES_PER_QUEUE_MINUTE} receives a minute each, ${(idleReceives / 1e6).toFixed(1)} M requests a month);
${KMS_KEYS} KMS keys and ${SECRETS} secrets; the table after ${RETAINED_MONTHS} months of what the operations keep (access records,
complaints, surveys), with point-in-time recovery. Not included: data transfer, CloudWatch alarms and
dashboards, Cognito (client-credentials token requests), S3 for inbound mail, free tiers.

## Prices (us-east-1, USD)

As listed on the AWS pricing pages in ${PRICES.asOf}; the bench does not fetch
them — check the pages before relying on the totals.

| item | price |
| --- | --- |
| API Gateway HTTP API | $${PRICES.apiGatewayPerMillion.toFixed(2)} per million requests (first 300 M) |
| Lambda | $${PRICES.lambdaRequestsPerMillion.toFixed(2)} per million requests; $${PRICES.lambdaArmPerGbSecond} per GB-second (Arm) |
| DynamoDB on-demand | $${PRICES.dynamodbWritePerMillionUnits} per million write request units; $${PRICES.dynamodbReadPerMillionUnits} per million read request units |
| DynamoDB storage | $${PRICES.dynamodbStoragePerGbMonth} per GB-month; PITR $${PRICES.dynamodbPitrPerGbMonth} per GB-month; stream reads by Lambda free |
| SQS standard | $${PRICES.sqsPerMillionRequests.toFixed(2)} per million requests (64 KB chunks) |
| EventBridge | $${PRICES.eventBridgePerMillionEvents.toFixed(2)} per million custom events |
| SES | $${PRICES.sesPerThousandEmails.toFixed(2)} per 1,000 emails |
| KMS | $${PRICES.kmsPerKeyMonth.toFixed(2)} per key-month; $${PRICES.kmsPerTenThousandRequests} per 10,000 requests |
| Secrets Manager | $${PRICES.secretsManagerPerSecretMonth.toFixed(2)} per secret-month |
| CloudWatch Logs | $${PRICES.logsPerGbIngested.toFixed(2)} per GB ingested |
| X-Ray | $${PRICES.xrayPerMillionTraces.toFixed(2)} per million traces recorded |

Sources: ${SOURCES.map(([name, url]) => `[${name}](${url})`).join(', ')}.
`;
  // Formatted as the repository formats Markdown, so that \`prettier --check .\` stays clean.
  const options = (await prettier.resolveConfig(COST_DOC)) ?? {};
  writeFileSync(COST_DOC, await prettier.format(doc, { ...options, filepath: COST_DOC }));
  const file = writeResult('cost-model', {
    benchmark: 'cost-model',
    machine: await machine(),
    prices: PRICES,
    profile: PROFILE,
    operations: operations.map((operation) => ({
      name: operation.name,
      perCustomerMonth: operation.perCustomerMonth,
      usage: operation.usage,
    })),
    monthly: sizes.map((size) => ({
      customers: size.customers,
      totalUsd: round(size.total),
      perCustomerUsd: Number((size.total / size.customers).toFixed(6)),
      lines: Object.fromEntries(
        Object.entries(size.lines).map(([line, value]) => [line, round(value, 3)]),
      ),
    })),
  });
  for (const size of sizes) {
    progress(
      `${size.customers.toLocaleString('en')} customers: ${dollars(size.total)} a month ` +
        `(${dollars(size.total / size.customers)} per customer)`,
    );
  }
  progress(`wrote ${COST_DOC} and ${file}`);
};

await main();
