import type { MiddlewareStack } from '@smithy/types';

export type Fault = 'throttling' | 'unavailable';

/** What AWS answers: a throttling error (retried with backoff) or a 5xx (retried as transient). */
const awsError = (fault: Fault): Error =>
  Object.assign(new Error(`injected ${fault}`), {
    name: fault === 'throttling' ? 'ThrottlingException' : 'ServiceUnavailable',
    $fault: fault === 'throttling' ? 'client' : 'server',
    $metadata: { httpStatusCode: fault === 'throttling' ? 400 : 503, attempts: 1 },
  });

/**
 * Fails an SDK client's next `times` calls (every call while `times` is Infinity) at the
 * deserialize step, below the SDK's retry middleware: each attempt, retries included, meets the
 * fault as if AWS had answered it. Returns how many calls were failed, and a way to stop.
 */
// Any client: each has its own input and output types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStack = MiddlewareStack<any, any>;

export const injectFaults = (
  client: { middlewareStack: AnyStack },
  fault: Fault,
  times: number,
) => {
  const state = { remaining: times, injected: 0 };
  const name = `kefu-fault-${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (state.remaining > 0) {
        state.remaining--;
        state.injected++;
        throw awsError(fault);
      }
      return next(args);
    },
    { step: 'deserialize', name, priority: 'high' },
  );
  return {
    get injected() {
      return state.injected;
    },
    stop() {
      client.middlewareStack.remove(name);
    },
  };
};
