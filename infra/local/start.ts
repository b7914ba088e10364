import { resolve } from 'node:path';
import { systemClock } from '../../shared/adapters/clock';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import { holidayScheduleNotices } from '../../shared/services/complaints/calendar-source';
import { DEFAULT_PORTS, type LocalPorts, startLocalStack } from './local-stack';
import { LocalStartupError } from './startup-error';

const portFromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalStartupError(`${name}=${raw} is not a port number`);
  }
  return port;
};

/** Startup lines for the admin: the default calendar's holiday schedule is missing a year. */
const holidayScheduleLines = async (): Promise<string[]> => {
  try {
    const notices = await holidayScheduleNotices(new DynamoOrganizationRepository(), systemClock);
    return notices.map((notice) => `  ⚠ ${notice}`);
  } catch (error) {
    return [`  ⚠ Could not read the default calendar: ${(error as Error).message}`];
  }
};

const main = async () => {
  const started = performance.now();
  const ports: LocalPorts = {
    api: portFromEnv('KEFU_API_PORT', DEFAULT_PORTS.api),
    dynamodb: portFromEnv('KEFU_DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
    sqs: portFromEnv('KEFU_SQS_PORT', DEFAULT_PORTS.sqs),
    ses: portFromEnv('KEFU_SES_PORT', DEFAULT_PORTS.ses),
    events: portFromEnv('KEFU_EVENTS_PORT', DEFAULT_PORTS.events),
  };
  const dataDir = resolve(process.env.KEFU_DATA_DIR ?? '.data');
  console.log(`Kefu local stack starting (data in ${dataDir}) ...`);
  const stack = await startLocalStack({
    dataDir,
    ports,
    onReady: (component, url) => console.log(`  ✓ ${component.padEnd(58)} ${url}`),
  });
  for (const line of await holidayScheduleLines()) console.log(line);
  console.log(
    `Kefu is ready in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
      `Tokens: npm run token -- --integrator sandbox, or --staff <id> (README, Tokens). ` +
      `Ctrl-C stops.`,
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    const stoppingAt = performance.now();
    stack.stop().then(
      () => {
        console.log(`Kefu stopped in ${((performance.now() - stoppingAt) / 1000).toFixed(1)} s.`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`Kefu did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  const reason =
    error instanceof LocalStartupError
      ? error.message
      : `unexpected failure: ${(error as Error).stack ?? String(error)}`;
  console.error(`npm start failed: ${reason}`);
  process.exit(1);
});
