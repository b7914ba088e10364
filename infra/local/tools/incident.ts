import { LOCAL_NAMES } from '../local-env';
import { fail, tableFailure, toolArguments, useLocalDynamoDb } from './tool-cli';
import type { IncidentFindings, IncidentWindow } from '../../../shared/domain/customers/incident';

const usage = `Usage: npm run incident -- affected --since <instant> [--until <instant>]
                            (--actor <subject> | --client <client id>)
                            [--format table|json|csv] [--aws --table <name>]
Lists, from the access log, every customer whose personal data the given actor (a token's
subject: a staff member, an integrator client's own tokens, webhook:<subscription id>) or client
(an app client id: every token it issued) read or changed between --since and --until (default:
now), oldest first, with counts and operations, so the affected can be told (seed 002 §1.1.35).
Instants are ISO 8601: 2026-12-01 (00:00 UTC), 2026-12-01T08:00:00+08:00. A date alone as --until
means the end of that day (UTC). On the local stack (npm start) unless --aws, which uses the
default AWS credentials and the table named by --table (a stack output).`;

const { values, positionals } = toolArguments(usage, {
  options: {
    since: { type: 'string' },
    until: { type: 'string' },
    actor: { type: 'string' },
    client: { type: 'string' },
    format: { type: 'string', default: 'table' },
    aws: { type: 'boolean', default: false },
    table: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: true,
  strict: true,
});
if (positionals.length !== 1 || positionals[0] !== 'affected') {
  fail(`Say what to list: \`affected\` is the one command.\n${usage}`);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const instant = (name: string, value: string, endOfDay: boolean): string => {
  if (!INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    return fail(`${name} takes an ISO 8601 date or instant with its offset, not "${value}".`);
  }
  if (DATE_ONLY.test(value)) {
    return endOfDay ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  }
  return new Date(value).toISOString();
};
const since = instant('--since', values.since ?? fail(`--since is required.\n${usage}`), false);
const until =
  values.until === undefined ? new Date().toISOString() : instant('--until', values.until, true);
if (since > until) fail(`--since ${since} is after --until ${until}.`);
if ((values.actor === undefined) === (values.client === undefined)) {
  fail(`Name exactly one suspect: --actor <subject> or --client <client id>.\n${usage}`);
}
const suspectName = (values.actor ?? values.client ?? '').trim();
if (suspectName === '' || suspectName.length > 256) {
  fail('The suspect is a non-empty subject or client id of at most 256 characters.');
}
const format = values.format;
if (format !== 'table' && format !== 'json' && format !== 'csv') {
  fail(`--format is table, json or csv, not "${format}".`);
}
if (values.aws && !values.table) fail("--aws needs --table <name> (the stack's TableName output).");

if (!values.aws) useLocalDynamoDb();
process.env.TABLE_NAME = values.table ?? process.env.KEFU_TABLE_NAME ?? LOCAL_NAMES.table;

const window: IncidentWindow = {
  suspect:
    values.actor === undefined
      ? { kind: 'client', clientId: suspectName }
      : { kind: 'actor', subject: suspectName },
  since,
  until,
};

const csvCell = (value: string | number) =>
  /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value);

const print = (findings: IncidentFindings) => {
  if (format === 'json') {
    console.log(JSON.stringify(findings, null, 2));
    return;
  }
  const header = ['customerId', 'firstAccessAt', 'lastAccessAt', 'reads', 'changes', 'operations'];
  const rows = findings.customers.map((customer) => [
    customer.customerId,
    customer.firstAccessAt,
    customer.lastAccessAt,
    customer.reads,
    customer.changes,
    customer.operations.join(' '),
  ]);
  if (format === 'csv') {
    for (const row of [header, ...rows]) console.log(row.map(csvCell).join(','));
    return;
  }
  const widths = header.map((name, column) =>
    Math.max(name.length, ...rows.map((row) => String(row[column]).length)),
  );
  for (const row of [header, ...rows]) {
    console.log(
      row
        .map((cell, column) => String(cell).padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
};

// Imported after the environment is set: the adapters read it when first used.
const { DynamoAccessLog } = await import('../../../shared/adapters/dynamodb/access-log');
const { findAffectedCustomers } = await import('../../../shared/services/customers/incident');
try {
  const who = window.suspect.kind === 'actor' ? `actor ${suspectName}` : `client ${suspectName}`;
  console.error(
    `Reading the access log of ${who}, ${since} … ${until}, in ${process.env.TABLE_NAME}`,
  );
  const findings = await findAffectedCustomers(new DynamoAccessLog(), window, (month, accesses) =>
    console.error(`  ${month}: ${accesses} accesses so far`),
  );
  print(findings);
  console.error(
    `${findings.customers.length} customers affected by ${findings.accesses} accesses. ` +
      'Tell them as docs/RUNBOOK.md ("A credential leaked") says.',
  );
  process.exit(0);
} catch (error) {
  fail(tableFailure('Reading the access log', error), 1);
}
