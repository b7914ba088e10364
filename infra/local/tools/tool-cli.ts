import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-env';

/** One line on stderr and the exit code: 2 for a request the tool cannot take, 1 for a failure. */
export const fail = (message: string, exitCode = 2): never => {
  console.error(message);
  process.exit(exitCode);
};

/**
 * The tool's arguments, strictly parsed: a mistake ends the tool with the reason and the usage
 * (exit 2), `--help` prints the usage (exit 0). The config should declare `help`.
 */
export const toolArguments = <const T extends ParseArgsConfig>(usage: string, config: T) => {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
  if ((parsed.values as Record<string, unknown>).help === true) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
};

/** Points the DynamoDB client at the local stack's DynamoDB Local (`npm start`). */
export const useLocalDynamoDb = (): void => {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${process.env.KEFU_DYNAMODB_PORT ?? 8000}`,
  });
};

/** The reason a tool could not read or write the table, in one line. */
export const tableFailure = (doing: string, error: unknown): string =>
  String((error as Error).message).includes('ECONNREFUSED')
    ? 'Cannot reach DynamoDB: is `npm start` running?'
    : `${doing} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
