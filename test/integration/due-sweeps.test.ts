import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintRepository } from '../../shared/adapters/dynamodb/complaint-repository';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import {
  DynamoRevisitRepository,
  DynamoServiceRecordRepository,
} from '../../shared/adapters/dynamodb/revisit-repository';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import { createCustomer } from '../../shared/domain/customers/customer';
import { planRevisit } from '../../shared/domain/revisits/revisit';
import { markDueRevisits } from '../../shared/services/revisits/due-sweep';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { mainTableInput } from '../../infra/local/dynamodb-local';
import { documents, stack } from '../support/harness';
import { invokeHandlersInThisProcess } from '../support/sqs-records';

// A table of its own: the backlog must not leak into the shared stack's sweeps.
const table = `due-sweeps-${Date.now().toString(36)}`;
const NOW = new Date('2026-06-01T02:00:00Z');
const HOUR = 3_600_000;

/** The last character of an id picks its due-index shard (char code modulo 4). */
const idInShard = (shard: number) => `${ulid().slice(0, -1)}${'0123'[shard]}`;

const plannedRevisit = (id: string, customerId: string, dueAt: Date) => {
  const revisit = planRevisit(
    id,
    {
      id: 'manual',
      description: 'backlog',
      trigger: { type: 'service', kinds: [] },
      opensAfter: { amount: 0, unit: 'hours' },
      dueWithin: { amount: 0, unit: 'hours' },
      channel: 'phone',
      owner: 'service-staff',
      maxAttempts: 1,
      retrySpacingHours: 24,
      surveyAfter: false,
    },
    { customerId, cause: { type: 'manual', id: 'due-sweeps-test' } },
    { opensAt: dueAt, dueAt },
    dueAt,
  );
  return {
    ...keys.revisit(id),
    ...keys.revisitIndexes(revisit),
    entityType: 'Revisit',
    ...revisit,
  };
};

const writeAll = async (items: Record<string, unknown>[]) => {
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await documents.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
};

const statusOf = async (id: string) =>
  (await documents.send(new GetCommand({ TableName: table, Key: keys.revisit(id) }))).Item
    ?.status as string | undefined;

describe('due-time index and sweeps with a backlog', () => {
  const dynamodb = new DynamoDBClient({
    endpoint: stack.urls.dynamodb,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const revisits = new DynamoRevisitRepository(table);
  const sweepDeps = {
    revisits,
    services: new DynamoServiceRecordRepository(table),
    customers: new DynamoCustomerRepository(table),
    complaints: new DynamoComplaintRepository(table),
    organization: new DynamoOrganizationRepository(table),
    clock: { now: () => NOW },
    ids: ulidIds,
  };
  const customerId = ulid();
  // Shard 0 holds a crowd of recent revisits; shards 1–3 hold fewer, longer overdue ones.
  const crowded = Array.from({ length: 60 }, () => idInShard(0));
  const longOverdue = [1, 2, 3].flatMap((shard) =>
    Array.from({ length: 5 }, () => idInShard(shard)),
  );
  const notYetDue = idInShard(2);

  beforeAll(async () => {
    invokeHandlersInThisProcess();
    await dynamodb.send(
      new CreateTableCommand({ ...mainTableInput(table), StreamSpecification: undefined }),
    );
    const customers = new DynamoCustomerRepository(table);
    await customers.create(
      createCustomer(
        customerId,
        {
          name: 'Backlog',
          email: `backlog-${customerId.toLowerCase()}@example.com`,
          preferredLanguage: 'en',
          consents: { surveys: { granted: true, source: 'web-form' } },
        },
        NOW,
      ),
      {
        id: ulid(),
        source: 'kefu.customers',
        type: 'CustomerCreated',
        occurredAt: NOW.toISOString(),
        detail: { customerId },
      },
    );
    await writeAll([
      ...crowded.map((id, n) => plannedRevisit(id, customerId, new Date(NOW.getTime() - HOUR + n))),
      ...longOverdue.map((id, n) =>
        plannedRevisit(id, customerId, new Date(NOW.getTime() - 30 * 24 * HOUR + n)),
      ),
      plannedRevisit(notYetDue, customerId, new Date(NOW.getTime() + HOUR)),
    ]);
  });

  afterAll(async () => {
    await dynamodb.send(new DeleteTableCommand({ TableName: table }));
  });

  it('gives the longest overdue first across shards, so no shard waits behind another', async () => {
    const first = await revisits.dueIds(NOW.toISOString(), 20);

    expect(first).toHaveLength(20);
    expect(first.slice(0, longOverdue.length).sort()).toEqual([...longOverdue].sort());
    expect(first.slice(longOverdue.length)).toEqual(crowded.slice(0, 5));
    expect(await revisits.dueIds(NOW.toISOString(), 1000)).not.toContain(notYetDue);
  });

  it('drains a backlog larger than one batch in one run, and leaves what is not due', async () => {
    const result = await markDueRevisits(sweepDeps, { batch: 20, maxRounds: 10, concurrency: 4 });

    expect(result).toMatchObject({ due: crowded.length + longOverdue.length, cancelled: 0 });
    const statuses = await Promise.all([...crowded, ...longOverdue].map(statusOf));
    expect(statuses.every((status) => status === 'due')).toBe(true);
    expect(await statusOf(notYetDue)).toBe('planned');
    expect(await revisits.dueIds(NOW.toISOString(), 1000)).toEqual([]);
  });

  it('stops after its round limit, and the next run takes the rest', async () => {
    const more = Array.from({ length: 30 }, () => idInShard(1));
    await writeAll(
      more.map((id, n) => plannedRevisit(id, customerId, new Date(NOW.getTime() - n))),
    );
    const limits = { batch: 10, maxRounds: 2, concurrency: 4 };

    expect(await markDueRevisits(sweepDeps, limits)).toMatchObject({ due: 20, cancelled: 0 });
    expect(await markDueRevisits(sweepDeps, limits)).toMatchObject({ due: 10, cancelled: 0 });
    expect(await markDueRevisits(sweepDeps, limits)).toMatchObject({ due: 0, cancelled: 0 });
  });
});
