import type { Context } from 'aws-lambda';

/** A Lambda context as the runtime gives a handler, for tests that call one directly. */
export const lambdaContext = (
  functionName = 'kefu-test-function',
  awsRequestId = 'req-1',
): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:cn-north-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '1024',
  awsRequestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2026/12/03/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
