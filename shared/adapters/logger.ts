import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/** Structured JSON logs; never log personal data, only ids (see docs/ARCHITECTURE.md). */
export const logger = new Logger({ serviceName: 'kefu' });

const LOG_CONTEXT = Symbol.for('kefu.logContext');

type Handler<Event, Result> = (event: Event, context: Context) => Promise<Result>;

/**
 * Wraps a Lambda handler so that every line it logs carries the invocation: function name and
 * version, request id, cold start, and a correlation id — the API Gateway request id for HTTP
 * events (the `instance` of any problem the caller got), else Lambda's request id. Keys added
 * during the invocation are dropped when it ends, so none leaks into the next one.
 */
export const withLogContext = <Event, Result>(
  handler: Handler<Event, Result>,
  correlationIdOf: (event: Event) => string | undefined = () => undefined,
): Handler<Event, Result> => {
  const observed: Handler<Event, Result> = async (event, context) => {
    logger.addContext(context);
    logger.setCorrelationId(correlationIdOf(event) ?? context.awsRequestId);
    try {
      return await handler(event, context);
    } finally {
      logger.resetKeys();
    }
  };
  return Object.assign(observed, { [LOG_CONTEXT]: true });
};

/** The request id API Gateway gives an HTTP event (HTTP API and REST alike). */
export const apiRequestIdOf = (event: {
  requestContext?: { requestId?: string } | undefined;
}): string | undefined => event.requestContext?.requestId;

/** Whether a handler logs with its Lambda context (the local runtime refuses one that does not). */
export const logsWithContext = (handler: unknown): boolean =>
  typeof handler === 'function' && LOG_CONTEXT in handler;
