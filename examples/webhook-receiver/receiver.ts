import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { verifyKefuWebhook } from './verify';

/** What Kefu POSTs. `data` holds ids and facts; `data.customer` only if you opted in. */
export interface KefuEvent {
  id: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
}

export interface ReceiverOptions {
  secrets: readonly string[];
  onEvent: (event: KefuEvent) => void | Promise<void>;
  toleranceSeconds?: number;
  /** How long a processed id is remembered: Kefu's 24 h of retries and an hour to spare. */
  rememberIdsForSeconds?: number;
  now?: () => Date;
}

const MAX_BODY_BYTES = 256 * 1024;

class BodyTooLarge extends Error {}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

/**
 * Remembers the ids of verified events. Within the timestamp tolerance this stops replays of a
 * captured request; beyond it, it makes Kefu's own retries idempotent: a retry carries the same id
 * (with a fresh timestamp and signature) when an earlier attempt was processed but its answer was
 * lost, and Kefu retries for 24 hours. A receiver with several instances, or one that restarts,
 * keeps these ids in a shared, durable store instead.
 */
class SeenIds {
  readonly #expiries = new Map<string, number>();

  constructor(private readonly rememberMs: number) {}

  /** True the first time an id is offered within its memory span. */
  firstTime(id: string, nowMs: number): boolean {
    // Entries are kept in insertion order, which is expiry order: stop at the first live one.
    for (const [seen, expiry] of this.#expiries) {
      if (expiry > nowMs) break;
      this.#expiries.delete(seen);
    }
    if (this.#expiries.has(id)) return false;
    this.#expiries.set(id, nowMs + this.rememberMs);
    return true;
  }
}

/** An HTTP server that accepts Kefu webhooks on any path: verify, answer at once, then process. */
export const createWebhookReceiver = (options: ReceiverOptions): Server => {
  const toleranceSeconds = options.toleranceSeconds ?? 300;
  const now = options.now ?? (() => new Date());
  const rememberSeconds = Math.max(
    options.rememberIdsForSeconds ?? 25 * 60 * 60,
    // A timestamp may be up to the tolerance old or ahead, so a replay can pass for twice as long.
    2 * toleranceSeconds,
  );
  const seen = new SeenIds(rememberSeconds * 1000);

  return createServer((request, response) => {
    const answer = (status: number, body?: object) => {
      response.writeHead(status, body ? { 'content-type': 'application/json' } : {});
      response.end(body ? JSON.stringify(body) : undefined);
    };
    if (request.method !== 'POST') return answer(405);

    readBody(request).then(
      (body) => {
        const verification = verifyKefuWebhook(
          { headers: request.headers, body },
          options.secrets,
          {
            now: now(),
            toleranceSeconds,
          },
        );
        if (!verification.ok) return answer(401, { error: verification.reason });
        if (!seen.firstTime(verification.id, now().getTime())) {
          return answer(200, { duplicate: true });
        }
        let event: KefuEvent;
        try {
          event = JSON.parse(body.toString('utf8')) as KefuEvent;
        } catch {
          return answer(400, { error: 'body is not JSON' });
        }
        // Answer before the work: Kefu waits 10 s at most, and slow answers are retried.
        answer(202);
        setImmediate(() => {
          Promise.resolve(options.onEvent(event)).catch((error: unknown) => {
            console.error(`handling ${event.id} failed`, error);
          });
        });
      },
      (error: unknown) => answer(error instanceof BodyTooLarge ? 413 : 400),
    );
  });
};

// `npx tsx examples/webhook-receiver/receiver.ts` with WEBHOOK_SECRETS="whsec_… [whsec_…]".
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secrets = (process.env.WEBHOOK_SECRETS ?? '').split(/[\s,]+/).filter(Boolean);
  if (secrets.length === 0) throw new Error('set WEBHOOK_SECRETS to your subscription secret');
  const port = Number(process.env.PORT ?? 4000);
  createWebhookReceiver({
    secrets,
    onEvent: (event) => console.log(`${event.type} ${event.id}`, JSON.stringify(event.data)),
  }).listen(port, () => console.log(`listening on http://localhost:${port}/`));
}
