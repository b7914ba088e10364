import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  type AttemptResult,
  classifyAttempt,
  type DeliveryOutcome,
  honoursRetryAfter,
  parseRetryAfter,
} from '../../domain/webhooks/retry-policy';
import type { WebhookSignatureHeaders } from '../../domain/webhooks/signature';
import {
  checkResolvedAddresses,
  checkTargetUrl,
  TARGET_MODES,
  type TargetMode,
} from '../../domain/webhooks/target-address';

/*
 * Why node:http(s) rather than fetch: the connection must go to the addresses that were checked.
 * http.request takes a `lookup` for exactly that; Node's fetch would need undici's Agent, which is
 * not importable without adding undici as a dependency.
 */

export interface WebhookRequest {
  url: string;
  /** The serialized payload, exactly the bytes that were signed. */
  body: string;
  headers: WebhookSignatureHeaders;
}

export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

export interface SendOptions {
  /** Defaults to WEBHOOK_TARGETS (aws unless set to local). */
  mode?: TargetMode;
  timeoutMs?: number;
  /** Defaults to the system resolver (getaddrinfo), as a connection would use. */
  resolve?: ResolveHost;
  /** For reading a Retry-After date; defaults to the wall clock. */
  now?: () => Date;
}

export interface SendResult {
  outcome: DeliveryOutcome;
  status?: number;
  durationMs: number;
  retryAfterSeconds?: number;
  /** Short and safe to store and show the integrator: no stack, no body. */
  error?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const USER_AGENT = 'Kefu-Webhooks/1';

/** WEBHOOK_TARGETS=aws|local; absent means aws, so a missing setting never opens the network. */
export const webhookTargetMode = (env: NodeJS.ProcessEnv = process.env): TargetMode => {
  const value = env.WEBHOOK_TARGETS;
  if (value === undefined || value === '') return 'aws';
  if ((TARGET_MODES as readonly string[]).includes(value)) return value as TargetMode;
  throw new Error(`WEBHOOK_TARGETS must be one of ${TARGET_MODES.join(', ')}, not ${value}`);
};

const resolveWithSystem: ResolveHost = (hostname) => lookup(hostname, { all: true });

/**
 * Hands the connection exactly the addresses that were checked. Without it, the connection would
 * resolve the name again, and a name whose DNS answer changes between the check and the connect
 * (DNS rebinding) could lead it to a private address. IP-literal hosts skip lookups altogether;
 * checkTargetUrl has judged them.
 */
const pinnedLookup =
  (checked: readonly LookupAddress[]): LookupFunction =>
  (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const addresses = checked.filter((entry) => family === undefined || entry.family === family);
    const [first] = addresses;
    if (first === undefined) {
      callback(
        Object.assign(new Error('no checked address of that family'), { code: 'ENOTFOUND' }),
        '',
      );
    } else if (options.all) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  };

const errorCode = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ?? error.name;
  }
  return 'unknown error';
};

const refused = (reason: string, address: string | undefined, durationMs: number): SendResult => ({
  outcome: 'give-up',
  durationMs,
  error: `target refused: ${reason}${address === undefined ? '' : ` (${address})`}`,
});

/** Settles with the promise, or rejects once the deadline passes, whichever comes first. */
const before = <T>(promise: Promise<T>, deadline: AbortSignal): Promise<T> =>
  new Promise((resolve, reject) => {
    deadline.addEventListener('abort', () => reject(deadline.reason), { once: true });
    promise.then(resolve, reject);
  });

const post = (
  url: URL,
  request: WebhookRequest,
  addresses: readonly LookupAddress[],
  deadline: AbortSignal,
): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, {
      method: 'POST',
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(request.body),
        'user-agent': USER_AGENT,
      },
      lookup: pinnedLookup(addresses),
      // One connection per delivery: a pooled socket would outlive the address check.
      agent: false,
      signal: deadline,
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });

/**
 * POSTs one delivery attempt and says what follows: delivered, retry or give up. The target is
 * checked (scheme, credentials, every resolved address) before any connection is opened, and
 * redirects are never followed — node:http does not, and a 3xx counts as a refusal.
 */
export const sendWebhook = async (
  request: WebhookRequest,
  options: SendOptions = {},
): Promise<SendResult> => {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const mode = options.mode ?? webhookTargetMode();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // One budget for resolving, connecting and the answer's status line.
  const deadline = AbortSignal.timeout(timeoutMs);
  const failed = (error: unknown, stage: string): SendResult => {
    const timedOut = deadline.aborted;
    const attempt: AttemptResult = timedOut ? { kind: 'timeout' } : { kind: 'network-error' };
    return {
      outcome: classifyAttempt(attempt),
      durationMs: elapsed(),
      error: timedOut ? `timeout after ${timeoutMs} ms` : `${stage}${errorCode(error)}`,
    };
  };

  const target = checkTargetUrl(request.url, mode);
  if (!target.ok) return refused(target.reason, target.address, elapsed());

  let addresses: readonly LookupAddress[];
  if (target.address !== undefined) {
    addresses = [{ address: target.address, family: target.address.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await before((options.resolve ?? resolveWithSystem)(target.hostname), deadline);
    } catch (error) {
      return failed(error, 'dns: ');
    }
    const resolved = checkResolvedAddresses(
      addresses.map((entry) => entry.address),
      mode,
    );
    if (!resolved.ok) return refused(resolved.reason, resolved.address, elapsed());
  }

  let response: IncomingMessage;
  try {
    response = await post(target.url, request, addresses, deadline);
  } catch (error) {
    return failed(error, '');
  }
  // The answer is in the status; the body is drained, not read.
  response.resume();
  const status = response.statusCode ?? 0;
  const retryAfterSeconds = honoursRetryAfter(status)
    ? parseRetryAfter(response.headers['retry-after'], (options.now ?? (() => new Date()))())
    : undefined;
  return {
    outcome: classifyAttempt({ kind: 'response', status }),
    status,
    durationMs: elapsed(),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(status >= 300 && status < 400 ? { error: 'redirects are not followed' } : {}),
  };
};
