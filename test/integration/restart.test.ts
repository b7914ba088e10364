import { loadStageConfig } from '../../infra/stack/stage-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_NAMES, LOCAL_REGION } from '../../infra/local/local-env';
import { mintLocalToken } from '../../infra/local/local-auth';
import { type LocalStack, startLocalStack } from '../../infra/local/local-stack';
import { freeStackPorts } from '../../infra/local/ports';
import { type Scope, wiring } from '../../wiring/manifest';
import { DEFAULT_SURVEY_SETTINGS } from '../../shared/domain/surveys/settings';
import { newCustomer, type SentEmail } from '../support/harness';

/**
 * A stack of its own, stopped while it is routing or sending a campaign and started again on the same data: work the
 * first run left undone (messages in flight, stream records not yet published) must complete
 * after the restart, and nothing may happen twice. Short visibility timeouts (the manifest's are
 * minutes) let in-flight messages come back within the test.
 */
const manifest = {
  ...wiring,
  queues: wiring.queues.map((queue) => ({ ...queue, visibilityTimeoutSeconds: 3 })),
};
const dataDir = mkdtempSync(join(tmpdir(), 'kefu-restart-'));
let stack: LocalStack | undefined;

let ports: Parameters<typeof startLocalStack>[0]['ports'] | undefined;
/**
 * Always on the same ports: handlers run in this process and keep their SDK clients (and those
 * clients their endpoints) across restarts, as a warm Lambda would.
 */
const start = async () =>
  startLocalStack({
    callers: loadStageConfig('local-tests'),
    dataDir,
    ports: (ports ??= await freeStackPorts()),
    manifest,
    log: { error: () => undefined },
  });

/** Calls the stack's API (whichever run of it is up) with an admin token of these scopes. */
const callerWith = async (scopes: Scope[]) => {
  const token = await mintLocalToken(dataDir, { scopes, role: 'admin' });
  return async <T>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const response = await fetch(`${stack?.urls.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
};

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a local stack killed while routing', () => {
  it('routes every complaint exactly once after the restart', { timeout: 180_000 }, async () => {
    stack = await start();
    const call = await callerWith(['complaints:read', 'complaints:write', 'customers:write']);

    const filed = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        call<{ id: string }>('/complaints', {
          customer: newCustomer(),
          channel: 'web',
          subject: `快递 ${n}`,
          description: '包裹没有送到',
        }),
      ),
    );
    expect(filed.map((response) => response.status)).toEqual(Array(6).fill(201));
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${String(ports?.dynamodb)}`,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
    );
    const routedEntries = async (complaintId: string) => {
      const { Items = [] } = await documents.send(
        new QueryCommand({
          TableName: LOCAL_NAMES.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :timeline)',
          ExpressionAttributeValues: {
            ':pk': `COMPLAINT#${complaintId}`,
            ':timeline': 'TIMELINE#',
          },
          ConsistentRead: true,
        }),
      );
      return Items.filter((item) => item.action === 'routed').length;
    };
    const ids = filed.map((response) => response.body.id);
    // Stopped before the routing is through: the restart has work left to finish.
    const routedBeforeStop = (await Promise.all(ids.map(routedEntries))).filter(Boolean).length;
    await stack.stop();
    expect(routedBeforeStop).toBeLessThan(ids.length);
    stack = undefined;

    stack = await start();
    // Anything still `received` five minutes on is routed by the reconciliation sweep.
    await call('/_local/clock/advance', { hours: 0.1 });
    await call('/_local/schedules/complaint-reconciliation/run', {});

    const deadline = Date.now() + 60_000;
    let counts = await Promise.all(ids.map(routedEntries));
    while (counts.some((count) => count === 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      counts = await Promise.all(ids.map(routedEntries));
    }
    // Late redeliveries of the first run's messages come back within seconds; let them.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await Promise.all(ids.map(routedEntries))).toEqual(Array(6).fill(1));
    for (const id of ids) {
      const { body } = await call<{ status: string; department?: string }>(`/complaints/${id}`);
      expect(body.department).toBeDefined();
    }
  });
});

describe('a local stack killed while sending a campaign', () => {
  it('sends every survey exactly once after the restart', { timeout: 180_000 }, async () => {
    stack ??= await start();
    const call = await callerWith(['admin', 'surveys:read', 'surveys:write', 'customers:write']);
    const emailsSent = async () => {
      const response = await fetch(`${stack?.urls.ses}/store`);
      return ((await response.json()) as { emails: SentEmail[] }).emails;
    };
    // Slow enough that the stop lands in the middle of the sending.
    const settings = { ...DEFAULT_SURVEY_SETTINGS, sendRatePerSecond: 3, sendReminder: false };
    expect((await call('/survey-settings', settings, 'PUT')).status).toBe(200);

    const tag = `restart-${Date.now().toString(36)}`;
    const customers = await Promise.all(
      Array.from({ length: 24 }, () =>
        call<{ id: string; email: string }>('/customers', newCustomer({ tags: [tag] })),
      ),
    );
    expect(customers.map((response) => response.status)).toEqual(Array(24).fill(201));
    const addresses = new Set(customers.map((response) => response.body.email));
    const campaign = await call<{ id: string }>('/survey-campaigns', {
      audience: { tags: [tag] },
    });
    expect(campaign.status).toBe(202);

    const toAudience = (emails: SentEmail[]) =>
      emails.filter((email) => email.destination.to.some((to) => addresses.has(to)));
    const deadline = Date.now() + 60_000;
    while (toAudience(await emailsSent()).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Stop the consumers, then note what went out (the emulator may forget it on a restart).
    for (const poller of stack.queuePollers.values()) await poller.stop();
    await stack.streamPoller.stop();
    const sentBeforeStop = toAudience(await emailsSent());
    await stack.stop();
    stack = undefined;
    expect(sentBeforeStop.length).toBeGreaterThan(0);
    expect(sentBeforeStop.length).toBeLessThan(addresses.size);

    stack = await start();
    // Surveys whose send time has come and that are still unsent are queued again by the sweep.
    await call('/_local/clock/advance', { hours: 0.1 });
    await call('/_local/schedules/surveys-due/run', {});
    const campaignDone = Date.now() + 90_000;
    let view = await call<{ status: string; counters: { sent: number; planned: number } }>(
      `/survey-campaigns/${campaign.body.id}`,
    );
    while (
      (view.body.status !== 'completed' || view.body.counters.sent < addresses.size) &&
      Date.now() < campaignDone
    ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      view = await call(`/survey-campaigns/${campaign.body.id}`);
    }
    // Late redeliveries of the first run's messages come back within seconds; let them.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const byMessageId = new Map(
      [...sentBeforeStop, ...toAudience(await emailsSent())].map((email) => [
        email.messageId,
        email,
      ]),
    );
    const recipients = [...byMessageId.values()].flatMap((email) => email.destination.to);
    expect(recipients.toSorted()).toEqual([...addresses].toSorted());
    view = await call(`/survey-campaigns/${campaign.body.id}`);
    expect(view.body).toMatchObject({
      status: 'completed',
      counters: { planned: addresses.size, sent: addresses.size },
    });
  });
});
