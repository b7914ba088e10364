import { GetQueueUrlCommand, QueueDoesNotExist, SQSClient } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { physicalQueueName } from '../../stack/dead-letter-queue';
import { STAGE_PATTERN } from '../../stack/stage';
import { dlqName, wiring } from '../../../wiring/manifest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-env';
import { redrive } from '../redrive';

const knownQueues = wiring.queues.map((queue) => queue.name);
const usage = `Usage: npm run redrive -- <queue> [--max N] [--aws [--stage dev]]
Moves the messages of <queue>'s dead-letter queue back to <queue>: on the local stack (npm start),
or with --aws on the deployed stage, using the default AWS credentials.
Known queues: ${knownQueues.join(', ')}.`;

const fail = (message: string, exitCode = 1): never => {
  console.error(message);
  process.exit(exitCode);
};

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        aws: { type: 'boolean', default: false },
        stage: { type: 'string', default: 'dev' },
        max: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`, 2);
  }
})();
const { values, positionals } = parsed;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (positionals.length !== 1) fail(`Name one queue.\n${usage}`, 2);
const queueName = positionals[0] ?? '';
const queue = wiring.queues.find((candidate) => candidate.name === queueName);
if (!queue) {
  fail(`Unknown queue "${queueName}"; known queues: ${knownQueues.join(', ')}.`, 2);
}
const fifo = queue?.fifo ?? false;
const max = values.max === undefined ? undefined : Number(values.max);
if (max !== undefined && !(Number.isSafeInteger(max) && max > 0)) {
  fail(`--max takes a positive whole number, not "${values.max}".`, 2);
}
if (values.aws && !STAGE_PATTERN.test(values.stage)) {
  fail(`Invalid --stage "${values.stage}": it must match ${STAGE_PATTERN.source}.`, 2);
}

const localEndpoint = `http://127.0.0.1:${process.env.KEFU_SQS_PORT ?? 4566}`;
const sqs = values.aws
  ? new SQSClient({})
  : new SQSClient({
      endpoint: localEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
const names = values.aws
  ? {
      queue: physicalQueueName(values.stage, queueName, fifo),
      deadLetterQueue: physicalQueueName(values.stage, `${queueName}-dlq`, fifo),
    }
  : { queue: queueName, deadLetterQueue: dlqName(queueName, fifo) };
const where = values.aws ? `stage ${values.stage} on AWS` : `the local stack at ${localEndpoint}`;

const isConnectionRefused = (error: unknown): boolean => {
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  return (
    code === 'ECONNREFUSED' ||
    (Array.isArray(errors) && errors.some((inner) => isConnectionRefused(inner)))
  );
};

const oneLineReason = (error: unknown): string => {
  if (isConnectionRefused(error)) {
    return values.aws
      ? `Cannot reach SQS: ${(error as Error).message}.`
      : `Cannot reach SQS at ${localEndpoint}: is \`npm start\` running?`;
  }
  if (error instanceof QueueDoesNotExist) return `A queue does not exist in ${where}.`;
  return `Redrive failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
};

const queueUrl = async (name: string): Promise<string> => {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (!QueueUrl) throw new Error(`GetQueueUrl answered no URL for ${name}`);
    return QueueUrl;
  } catch (error) {
    if (error instanceof QueueDoesNotExist) return fail(`No queue ${name} in ${where}.`);
    throw error;
  }
};

let progressShown = false;
try {
  const result = await redrive(sqs, {
    queueUrl: await queueUrl(names.queue),
    deadLetterQueueUrl: await queueUrl(names.deadLetterQueue),
    ...(max === undefined ? {} : { max }),
    onProgress: (moved) => {
      process.stderr.write(progressShown ? ` … ${moved}` : `moved ${moved}`);
      progressShown = true;
    },
  });
  if (progressShown) process.stderr.write('\n');
  for (const failure of result.failed) {
    console.error(`message ${failure.messageId}: ${failure.reason}`);
  }
  console.log(
    `moved ${result.moved} messages from ${names.deadLetterQueue} back to ${names.queue}`,
  );
  if (result.failed.length > 0) {
    fail(`${result.failed.length} messages could not be moved; see above.`);
  }
} catch (error) {
  if (progressShown) process.stderr.write('\n');
  fail(oneLineReason(error));
}
