import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintRepository } from '../../shared/adapters/dynamodb/complaint-repository';
import { fileComplaint } from '../../shared/domain/complaints/complaint';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { api, eventually, newCustomer, stack, tokenFor } from '../support/harness';

interface Complaint {
  id: string;
  status: string;
  department?: string;
  ownerId?: string;
  unassignable?: { department: string; reason: string };
  timeline: { action: string; actor: string; details?: Record<string, unknown> }[];
}

const run = Date.now().toString(36);
let admin: string;
const get = async (id: string) =>
  (await api<Complaint>(`/complaints/${id}`, { token: admin })).body;
const reconcile = () =>
  api<{ result: { rerouted: number; reassigned: number; stillWaiting: number } }>(
    '/_local/schedules/complaint-reconciliation/run',
    {
      method: 'POST',
    },
  );

beforeAll(async () => {
  admin = await tokenFor(['admin', 'complaints:read', 'complaints:write', 'customers:write'], {
    role: 'admin',
  });
  await api('/departments/technical-support', {
    method: 'PUT',
    token: admin,
    body: { name: '技术支持' },
  });
  const rules = [
    { id: 'faults', when: { keywords: ['故障'] }, then: { department: 'technical-support' } },
  ];
  await api('/routing-rules', { method: 'PUT', token: admin, body: { rules } });
});

describe('complaint reconciliation', () => {
  it('routes a complaint whose routing message never arrived', async () => {
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: stack.urls.dynamodb,
    });
    const { body: customer } = await api<{ id: string }>('/customers', {
      token: admin,
      body: newCustomer(),
    });
    const clock = Date.parse((await api<{ now: string }>('/_local/clock')).body.now);
    const lost = fileComplaint(
      `01KZ${run
        .toUpperCase()
        .replace(/[ILOU]/g, '0')
        .padStart(22, '0')
        .slice(-22)}`,
      { customerId: customer.id, channel: 'phone', subject: '设备故障', description: '开机就故障' },
      new Date(clock),
    );
    // Stored without its ComplaintFiled event, as if the message had been lost.
    await new DynamoComplaintRepository(stack.tableName).save({
      previous: undefined,
      next: lost,
      timeline: [],
      events: [],
    });
    await reconcile();
    expect((await get(lost.id)).status).toBe('received');

    // Moving the clock 6 minutes fires the 5-minute reconciliation schedule once by itself.
    const advanced = await api<{ firedSchedules: string[] }>('/_local/clock/advance', {
      body: { hours: 0.1 },
    });
    expect(advanced.body.firedSchedules).toContain('complaint-reconciliation');
    expect(await get(lost.id)).toMatchObject({ status: 'routed', department: 'technical-support' });
    expect((await reconcile()).body.result.rerouted).toBe(0);
  });

  it('assigns a routed complaint once somebody comes on duty', async () => {
    const { body } = await api<Complaint>('/complaints', {
      token: admin,
      body: {
        customer: newCustomer(),
        channel: 'web',
        subject: '软件故障',
        description: '一直报错',
      },
    });
    await eventually(
      async () => ((await get(body.id)).status === 'routed' ? true : undefined),
      'routing',
    );
    // Nobody works there: the complaint says so, once, however often it is offered again.
    const warned = await eventually(async () => {
      const current = await get(body.id);
      return current.unassignable ? current : undefined;
    }, 'the unassignable warning');
    expect(warned).toMatchObject({
      status: 'routed',
      unassignable: { department: 'technical-support', reason: 'no-staff' },
    });
    for (let round = 0; round < 2; round++) {
      await api('/_local/clock/advance', { body: { hours: 0.1 } });
      expect((await reconcile()).body.result.stillWaiting).toBeGreaterThan(0);
    }
    const waiting = await get(body.id);
    expect(waiting.status).toBe('routed');
    expect(waiting.timeline.filter((entry) => entry.action === 'unassignable')).toEqual([
      expect.objectContaining({
        actor: 'assignment',
        details: { department: 'technical-support', reason: 'no-staff' },
      }),
    ]);
    // The event travels outbox → stream → bus: wait for it, then count it.
    const unassignableEvents = async () =>
      (
        await api<{
          items: { 'detail-type': string; detail: { data: { complaintId?: string } } }[];
        }>('/_local/events')
      ).body.items.filter(
        (event) =>
          event['detail-type'] === 'ComplaintUnassignable' &&
          event.detail.data.complaintId === body.id,
      );
    const events = await eventually(async () => {
      const published = await unassignableEvents();
      return published.length > 0 ? published : undefined;
    }, 'the ComplaintUnassignable event');
    expect(events).toHaveLength(1);

    const engineer = `eng-${run}`;
    await api(`/staff/${engineer}`, {
      method: 'PUT',
      token: admin,
      body: {
        name: 'Engineer',
        email: `${engineer}@staff.example.com`,
        department: 'technical-support',
        role: 'agent',
        onDuty: true,
      },
    });
    await api('/_local/clock/advance', { body: { hours: 0.1 } });
    await reconcile();
    const assigned = await get(body.id);
    expect(assigned).toMatchObject({ status: 'assigned', ownerId: engineer });
    expect(assigned.unassignable).toBeUndefined();
    const again = await reconcile();
    expect(again.body.result.reassigned).toBe(0);
  });
});
