import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { termShard } from '../../shared/domain/reports/terms';
import {
  api,
  contactGuardPk,
  documents,
  eventually,
  expectCleanProblem,
  itemsUnder,
  newCustomer,
  stack,
  tokenFor,
  expectForbiddenByAuthorizer,
} from '../support/harness';

interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string;
  version: number;
}
interface AccessRecord {
  customerId: string;
  action: 'read' | 'change';
  operationId: string;
  actor: { subject: string; role: string };
  scopes: string[];
  requestId: string;
}

/** A word no other test writes, so its count in the hot-topic items is this file's alone. */
const marker = `plumbus${Date.now()
  .toString(36)
  .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)] ?? 'x')}`;

let staff: string;
let officer: string;
let auditor: string;

const clockNow = async () => (await api<{ now: string }>('/_local/clock')).body.now;
const shanghaiDay = (instant: string) =>
  new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);

const termCount = async (day: string, term: string) => {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: stack.tableName,
      Key: { pk: `AGG#${day}`, sk: `TERMS#${termShard(term)}` },
      ConsistentRead: true,
    }),
  );
  return Number(Item?.[term] ?? 0);
};

/** A customer with a contact, a complaint and a revisit, their words carrying `term`. */
const customerWithHistory = async (term = marker) => {
  const body = newCustomer();
  const { body: customer } = await api<Customer>('/customers', { token: staff, body });
  await api(`/customers/${customer.id}/interactions`, {
    token: staff,
    body: {
      channel: 'phone',
      occurredAt: await clockNow(),
      need: `${body.name} 要求退款 ${term}`,
    },
  });
  const { body: complaint } = await api<{ id: string }>('/complaints', {
    token: staff,
    body: {
      customerId: customer.id,
      channel: 'web',
      subject: `快递 ${term}`,
      description: `${body.name} 的包裹丢失，电话 ${body.phone}`,
    },
  });
  const { body: revisit } = await api<{ id: string }>('/revisits', {
    token: staff,
    body: {
      customerId: customer.id,
      dueAt: new Date(Date.parse(await clockNow()) + 86_400_000).toISOString(),
      channel: 'phone',
      reason: 'follow up',
    },
  });
  return { body, customer, complaintId: complaint.id, revisitId: revisit.id };
};

beforeAll(async () => {
  staff = await tokenFor(
    [
      'admin',
      'customers:read',
      'customers:write',
      'complaints:read',
      'complaints:write',
      'revisits:read',
      'revisits:write',
    ],
    { role: 'admin', subject: 'privacy-staff' },
  );
  officer = await tokenFor(['customers:erase'], { role: 'admin', subject: 'dpo-1' });
  auditor = await tokenFor(['audit:read'], { role: 'admin', subject: 'auditor-1' });
});

describe('personal data at rest', () => {
  it('keeps names, contacts and free text sealed in every item, readable through the API', async () => {
    const { body, customer, complaintId } = await customerWithHistory();
    const stored = JSON.stringify([
      ...(await itemsUnder(`CUSTOMER#${customer.id}`)),
      ...(await itemsUnder(`COMPLAINT#${complaintId}`)),
    ]);
    for (const value of [body.name, body.email, body.phone, '要求退款', '包裹丢失']) {
      expect(stored).not.toContain(String(value));
    }
    const complaint = await api<{ subject: string; description: string }>(
      `/complaints/${complaintId}`,
      { token: staff },
    );
    expect(complaint.body.subject).toBe(`快递 ${marker}`);
    expect(complaint.body.description).toContain('包裹丢失');
  });

  it('does not open a sealed value copied into another item', async () => {
    const { customer: victim } = await customerWithHistory();
    const { body: other } = await api<Customer>('/customers', {
      token: staff,
      body: newCustomer(),
    });
    const [victimProfile] = (await itemsUnder(`CUSTOMER#${victim.id}`)).filter(
      (item) => item.sk === 'PROFILE',
    );
    const [otherProfile] = (await itemsUnder(`CUSTOMER#${other.id}`)).filter(
      (item) => item.sk === 'PROFILE',
    );
    await documents.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { ...otherProfile, name: victimProfile?.name },
      }),
    );
    try {
      const response = await api(`/customers/${other.id}`, { token: staff });
      expectCleanProblem(response, 500, 'internal-error');
      expect(response.text).not.toContain(victim.name);
    } finally {
      // Other files list customers: leave no item behind that cannot be opened.
      await documents.send(new PutCommand({ TableName: stack.tableName, Item: otherProfile }));
    }
  });
});

describe('DELETE /customers/{id} (erasure by crypto-shredding)', () => {
  it('needs the customers:erase scope', async () => {
    const { body: customer } = await api<Customer>('/customers', {
      token: staff,
      body: newCustomer(),
    });
    const refused = await api(`/customers/${customer.id}`, { method: 'DELETE', token: staff });
    expectForbiddenByAuthorizer(refused, ['customers:erase']);
    expect((await api(`/customers/${customer.id}`, { token: staff })).status).toBe(200);
  });

  it('shreds the key, keeps a tombstone, calls off pending work, and answers 410 afterwards', async () => {
    const { body, customer, complaintId, revisitId } = await customerWithHistory();
    const erased = await api<{
      tombstone: { erasedAt: string; erasedBy: string; legalBasis: string };
      cancelledRevisits: number;
    }>(`/customers/${customer.id}?legalBasis=data-subject-request`, {
      method: 'DELETE',
      token: officer,
    });
    expect(erased.status).toBe(200);
    expect(erased.body.tombstone).toMatchObject({
      erasedBy: 'dpo-1',
      legalBasis: 'data-subject-request',
    });
    expect(erased.body.cancelledRevisits).toBe(1);

    const left = await itemsUnder(`CUSTOMER#${customer.id}`);
    expect(left.map((item) => item.sk)).not.toContain('DATA_KEY');
    expect(left.map((item) => item.sk)).not.toContain('PROFILE');
    expect(left.find((item) => item.sk === 'TOMBSTONE')).toMatchObject({
      customerId: customer.id,
      legalBasis: 'data-subject-request',
    });
    expect(await itemsUnder(await contactGuardPk('email', String(body.email)))).toHaveLength(0);

    const gone = await api(`/customers/${customer.id}`, { token: staff });
    expectCleanProblem(gone, 410, 'gone');
    expect(gone.body).toMatchObject({ erasedAt: erased.body.tombstone.erasedAt });

    // The complaint stays for the figures; its text can no longer be read by anyone.
    const complaint = await api<{ subject: string; description: string; customerId: string }>(
      `/complaints/${complaintId}`,
      { token: staff },
    );
    expect(complaint.body).toMatchObject({ subject: '[erased]', description: '[erased]' });
    const revisit = await api<{ status: string }>(`/revisits/${revisitId}`, { token: staff });
    expect(revisit.body.status).toBe('cancelled');

    // Erasing again changes nothing; the address is free for a new customer.
    const again = await api<{ tombstone: { erasedAt: string } }>(`/customers/${customer.id}`, {
      method: 'DELETE',
      token: officer,
    });
    expect(again.status).toBe(200);
    expect(again.body.tombstone.erasedAt).toBe(erased.body.tombstone.erasedAt);
    const returning = await api('/customers', {
      token: staff,
      body: newCustomer({ email: body.email, phone: body.phone }),
    });
    expect(returning.status).toBe(201);
  });

  it('keeps the counts of the figures, counts the revisit it calls off, and takes the customer’s words out of the hot topics', async () => {
    interface Figures {
      complaints: { received: number };
      revisits: { planned: number; cancelled: number };
    }
    const day = shanghaiDay(await clockNow());
    const report = async () =>
      (
        await api<{ figures: Figures }>(`/reports/service-quality?period=${day}`, {
          token: await tokenFor(['reports:read']),
        })
      ).body.figures;
    // A word of this test alone: earlier tests' complaints, counted late or erased, leave it be.
    const own = `${marker}solo`;
    expect(await termCount(day, own)).toBe(0);
    const start = await report();
    const { customer, complaintId } = await customerWithHistory(own);
    await eventually(
      async () => ((await termCount(day, own)) === 1 ? true : undefined),
      'the complaint’s words to be counted',
    );
    // Both the complaint and the revisit reach the figures through the stream, in either order.
    const figuresBefore = await eventually(async () => {
      const figures = await report();
      return figures.revisits.planned > start.revisits.planned &&
        figures.complaints.received > start.complaints.received
        ? figures
        : undefined;
    }, 'the customer’s complaint and revisit to be counted');

    await api(`/customers/${customer.id}`, { method: 'DELETE', token: officer });

    expect(await termCount(day, own)).toBe(0);
    const cancelledBefore = figuresBefore.revisits.cancelled;
    const figuresAfter = await eventually(async () => {
      const figures = await report();
      return figures.revisits.cancelled > cancelledBefore ? figures : undefined;
    }, 'the called-off revisit to be counted');
    // The only change is the revisit the erasure called off; every other count stays.
    expect(figuresAfter).toEqual({
      ...figuresBefore,
      revisits: { ...figuresBefore.revisits, cancelled: cancelledBefore + 1 },
    });
    const complaint = await api<{ department?: string }>(`/complaints/${complaintId}`, {
      token: staff,
    });
    expect(complaint.body.department).toBeDefined();
  });

  it('refuses unknown customers and legal bases precisely', async () => {
    expectCleanProblem(
      await api('/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV', { method: 'DELETE', token: officer }),
      404,
      'not-found',
    );
    const { body: customer } = await api<Customer>('/customers', {
      token: staff,
      body: newCustomer(),
    });
    expectCleanProblem(
      await api(`/customers/${customer.id}?legalBasis=because`, {
        method: 'DELETE',
        token: officer,
      }),
      400,
      'validation-failed',
    );
    expect((await api(`/customers/${customer.id}`, { token: staff })).status).toBe(200);
  });
});

describe('retention', () => {
  const DAY_SECONDS = 86_400;
  const ttlOf = async (pk: string, sk: string) =>
    (await itemsUnder(pk)).find((item) => item.sk === sk)?.ttl as number | undefined;

  it('lets interactions, closed complaints and their timelines expire after three years', async () => {
    const { customer, complaintId } = await customerWithHistory();
    const [interaction] = (await itemsUnder(`CUSTOMER#${customer.id}`)).filter((item) =>
      String(item.sk).startsWith('INTERACTION#'),
    );
    expect(interaction?.ttl).toBe(
      Math.floor(Date.parse(String(interaction?.occurredAt)) / 1000) + 1_095 * DAY_SECONDS,
    );
    expect(await ttlOf(`COMPLAINT#${complaintId}`, 'COMPLAINT')).toBeUndefined();

    const department = await eventually(async () => {
      const { body } = await api<{ department?: string }>(`/complaints/${complaintId}`, {
        token: staff,
      });
      return body.department;
    }, 'the complaint to be routed');
    const ownerId = `privacy-agent-${department}`;
    if ((await api(`/departments/${department}`, { token: staff })).status === 404) {
      await api(`/departments/${department}`, {
        method: 'PUT',
        token: staff,
        body: { name: department },
      });
    }
    await api(`/staff/${ownerId}`, {
      method: 'PUT',
      token: staff,
      body: {
        name: 'Privacy Agent',
        email: `${ownerId}@staff.example.com`,
        department,
        role: 'agent',
        onDuty: false,
      },
    });
    const assigned = await api(`/complaints/${complaintId}/assign`, {
      token: staff,
      body: { ownerId },
    });
    expect(assigned.status).toBe(200);
    await api(`/complaints/${complaintId}/respond`, { token: staff, body: { message: '已处理' } });
    await api(`/complaints/${complaintId}/resolve`, {
      token: staff,
      body: { plan: '补发', customerAgreed: true },
    });
    const closed = await api<{ status: string; closedAt: string }>(
      `/complaints/${complaintId}/close`,
      { token: staff, body: {} },
    );
    expect(closed.body.status).toBe('closed');
    expect(await ttlOf(`COMPLAINT#${complaintId}`, 'COMPLAINT')).toBe(
      Math.floor(Date.parse(closed.body.closedAt) / 1000) + 1_095 * DAY_SECONDS,
    );
    const timeline = (await itemsUnder(`COMPLAINT#${complaintId}`)).filter((item) =>
      String(item.sk).startsWith('TIMELINE#'),
    );
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline.every((item) => typeof item.ttl === 'number')).toBe(true);
  });
});

describe('the access log', () => {
  it('records who read and who changed a customer’s personal data, for auditors only', async () => {
    const { body: customer } = await api<Customer>('/customers', {
      token: staff,
      body: newCustomer(),
    });
    const read = await api(`/customers/${customer.id}`, { token: staff });
    await api(`/customers/${customer.id}`, {
      method: 'PATCH',
      token: staff,
      body: { tags: ['audited'] },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });

    const log = await api<{ items: AccessRecord[] }>(`/customers/${customer.id}/access-log`, {
      token: auditor,
    });
    expect(log.status).toBe(200);
    const byOperation = Object.fromEntries(log.body.items.map((item) => [item.operationId, item]));
    expect(byOperation.getCustomer).toMatchObject({
      action: 'read',
      actor: { subject: 'privacy-staff', role: 'admin' },
      scopes: ['customers:read'],
    });
    expect(byOperation.updateCustomer).toMatchObject({ action: 'change' });
    expect(byOperation.createCustomer).toMatchObject({ action: 'change' });
    expect(new Set(log.body.items.map((item) => item.requestId)).size).toBe(log.body.items.length);

    expectForbiddenByAuthorizer(
      await api(`/customers/${customer.id}/access-log`, { token: staff }),
      ['audit:read'],
    );
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const change = await api(`/customers/${customer.id}/access-log`, {
        method,
        token: auditor,
        ...(method === 'DELETE' ? {} : { body: {} }),
      });
      expect([404, 405]).toContain(change.status);
    }
  });
});

describe('GET /customers/{id}/export', () => {
  it('gives everything held about the customer as one JSON download, and logs the read', async () => {
    const { body, customer, complaintId, revisitId } = await customerWithHistory();
    const response = await api<{
      customer: Customer;
      interactions: { need: string }[];
      complaints: { id: string; description: string; timeline: unknown[] }[];
      revisits: { id: string }[];
      surveys: unknown[];
      services: unknown[];
    }>(`/customers/${customer.id}/export`, { token: staff });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`customer-${customer.id}.json`);
    expect(response.body.customer).toMatchObject({ id: customer.id, email: body.email });
    expect(response.body.interactions[0]?.need).toContain(marker);
    expect(response.body.complaints[0]).toMatchObject({ id: complaintId });
    expect(response.body.complaints[0]?.description).toContain('包裹丢失');
    expect(response.body.complaints[0]?.timeline.length).toBeGreaterThan(0);
    expect(response.body.revisits.map((revisit) => revisit.id)).toEqual([revisitId]);
    const log = await api<{ items: AccessRecord[] }>(`/customers/${customer.id}/access-log`, {
      token: auditor,
    });
    expect(log.body.items.map((item) => item.operationId)).toContain('exportCustomer');
  });
});
