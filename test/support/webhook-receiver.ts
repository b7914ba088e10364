import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request, and answers with the status
 * `answer` picks for it (200 unless told otherwise). `stop()` takes it down; `start()` brings it
 * back on the same port.
 */
export class TestReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server: Server | undefined;
  private port = 0;

  constructor(private answer: (request: ReceivedWebhook, index: number) => number = () => 200) {}

  answerWith(answer: (request: ReceivedWebhook, index: number) => number): void {
    this.answer = answer;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/kefu`;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received = {
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        this.received.push(received);
        response.statusCode = this.answer(received, this.received.length - 1);
        response.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The requests that carried this event id. */
  of(eventId: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.headers['webhook-id'] === eventId);
  }
}

interface PublishedEvents {
  items: { 'detail-type': string; detail: { eventId: string; data: { customerId?: string } } }[];
}

/** The id of a customer's CustomerCreated event among `/_local/events`, once published. */
export const customerCreatedEventId = (
  events: PublishedEvents,
  customerId: string,
): string | undefined =>
  events.items.find(
    (event) =>
      event['detail-type'] === 'CustomerCreated' && event.detail.data.customerId === customerId,
  )?.detail.eventId;
