import { resolve } from 'node:path';
import { LOCAL_NAMES } from '../local-env';
import { fail, tableFailure, toolArguments, useLocalDynamoDb } from './tool-cli';
import { localKeyFiles } from '../local-keys';

const usage = `Usage: npm run rebuild-aggregates -- --from 2026-01-01 [--until 2026-12-31] [--write] [--aws --table <name>]
Recomputes the service-quality counters of every day, month, quarter and year lying wholly inside
[--from, --until] (Asia/Shanghai dates; --until defaults to today) from the source records,
through index queries, and compares them with the stored ones. Exits 1 when they differ;
--write then replaces the stored counters that differ. On the local stack (npm start) unless
--aws, which uses the default AWS credentials and the table named by --table (a stack output).`;

const { values } = toolArguments(usage, {
  options: {
    from: { type: 'string' },
    until: { type: 'string' },
    write: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
    table: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const from = values.from ?? fail(`--from is required.\n${usage}`);
const until = values.until ?? today;
for (const [name, value] of [
  ['--from', from],
  ['--until', until],
] as const) {
  if (!DATE.test(value) || Number.isNaN(Date.parse(value))) {
    fail(`${name} takes a date like 2026-01-01, not "${value}".`);
  }
}
if (from > until) fail(`--from ${from} is after --until ${until}.`);
if (values.aws && !values.table) fail(`--aws needs --table <name> (the stack's TableName output).`);

if (!values.aws) {
  useLocalDynamoDb();
  // Complaint and comment text is sealed under customers' keys, wrapped by the local key file.
  Object.assign(process.env, localKeyFiles(resolve(process.env.KEFU_DATA_DIR ?? '.data')));
}
process.env.TABLE_NAME = values.table ?? process.env.KEFU_TABLE_NAME ?? LOCAL_NAMES.table;

// Imported after the environment is set: the adapters read it when first used.
const { DynamoAggregateStore } = await import('../../../shared/adapters/dynamodb/aggregate-store');
const { DynamoOrganizationRepository } =
  await import('../../../shared/adapters/dynamodb/organization-repository');
const { DynamoSourceRecords } = await import('../../../shared/adapters/dynamodb/source-records');
const { differencesFromStored, rebuildCounters, writeRebuilt } =
  await import('../../../shared/services/reports/rebuild');

const deps = {
  aggregates: new DynamoAggregateStore(),
  organization: new DynamoOrganizationRepository(),
  sources: new DynamoSourceRecords(),
};
try {
  console.log(`Rebuilding the periods inside ${from} … ${until} from ${process.env.TABLE_NAME}`);
  const rebuilt = await rebuildCounters(deps, { from, until }, (kind, read) =>
    console.log(`  ${kind}: ${read} read`),
  );
  const differences = await differencesFromStored(deps, rebuilt);
  const periods = new Set(rebuilt.map((item) => item.period)).size;
  if (differences.length === 0) {
    console.log(`${periods} periods checked: the stored counters agree with the source records.`);
    process.exit(0);
  }
  for (const difference of differences.slice(0, 50)) {
    console.log(
      `  ${difference.period} ${difference.slice} ${difference.counter}: stored ${difference.stored}, rebuilt ${difference.rebuilt}`,
    );
  }
  if (differences.length > 50) console.log(`  … and ${differences.length - 50} more`);
  if (values.write) {
    const replaced = await writeRebuilt(deps, rebuilt, differences);
    console.log(`${replaced} counter items replaced with the rebuilt ones.`);
    process.exit(0);
  }
  console.log(`${differences.length} differences in ${periods} periods; --write replaces them.`);
  process.exit(1);
} catch (error) {
  fail(tableFailure('Rebuild', error), 1);
}
