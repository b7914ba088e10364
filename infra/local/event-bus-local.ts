import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EventRuleDefinition, WiringManifest } from '../../wiring/manifest';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-env';

export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Time?: number | string;
  EventBusName?: string;
}

const RECENT_LIMIT = 1000;

/** EventBridge pattern semantics for what the manifest can express: source, type, data fields. */
export const ruleMatches = (rule: EventRuleDefinition, event: BusEvent): boolean => {
  if (!rule.sources.includes(event.source) || !rule.detailTypes.includes(event['detail-type'])) {
    return false;
  }
  const data = (event.detail as { data?: Record<string, unknown> } | null)?.data ?? {};
  return Object.entries(rule.dataMatch ?? {}).every(([field, values]) =>
    values.includes(String(data[field])),
  );
};

/**
 * The event bus: answers EventBridge's PutEvents (the SDK's own protocol) and delivers each event
 * to the queues whose manifest rule matches its source and detail-type, as EventBridge rules do.
 */
export class LocalEventBus {
  readonly recent: BusEvent[] = [];
  private server: Server | undefined;

  constructor(
    private readonly manifest: WiringManifest,
    private readonly sqs: SQSClient,
    private readonly queueUrls: Map<string, string>,
  ) {}

  async put(
    entries: PutEventsEntry[],
  ): Promise<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }[]> {
    const results = [];
    for (const entry of entries) {
      if (!entry.Source || !entry.DetailType || !entry.Detail) {
        results.push({
          ErrorCode: 'MalformedDetail',
          ErrorMessage: 'Source, DetailType and Detail are required',
        });
        continue;
      }
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail);
      } catch {
        results.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not JSON' });
        continue;
      }
      const time =
        entry.Time === undefined
          ? new Date()
          : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
      const event: BusEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: LOCAL_ACCOUNT,
        time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: LOCAL_REGION,
        resources: [],
        detail,
      };
      this.recent.push(event);
      if (this.recent.length > RECENT_LIMIT) this.recent.shift();
      await this.deliver(event);
      results.push({ EventId: event.id });
    }
    return results;
  }

  private async deliver(event: BusEvent) {
    for (const rule of this.manifest.eventRules) {
      if (!ruleMatches(rule, event)) continue;
      const queueUrl = this.queueUrls.get(rule.target.queue);
      if (!queueUrl)
        throw new Error(`rule ${rule.name} targets unknown queue ${rule.target.queue}`);
      await this.sqs.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) }),
      );
    }
  }

  listen(port: number): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const reply = (status: number, body: unknown) => {
          response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify(body));
        };
        if (request.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
          return reply(400, {
            __type: 'UnknownOperationException',
            message: 'only PutEvents is emulated',
          });
        }
        let entries: PutEventsEntry[];
        try {
          entries =
            (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries?: PutEventsEntry[] })
              .Entries ?? [];
        } catch {
          return reply(400, { __type: 'SerializationException', message: 'body is not JSON' });
        }
        this.put(entries).then(
          (results) =>
            reply(200, {
              FailedEntryCount: results.filter((r) => r.ErrorCode).length,
              Entries: results,
            }),
          (error: Error) => reply(500, { __type: 'InternalException', message: error.message }),
        );
      });
    });
    this.server = server;
    return new Promise((resolve) =>
      server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${port}`)),
    );
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
