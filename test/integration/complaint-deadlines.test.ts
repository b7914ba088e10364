import { beforeAll, describe, expect, it } from 'vitest';
import { api, emailsTo, eventually, newCustomer, tokenFor } from '../support/harness';

interface Complaint {
  id: string;
  number: string;
  status: string;
  escalationLevel: number;
  breachedAt?: string;
  sla: {
    firstResponseDue: string;
    resolutionDue: string;
    nextCheckAt?: string;
    raised: string[];
    pausedAt?: string;
  };
  timeline: { action: string; details?: { checkpoint?: string; level?: number } }[];
}

const run = Date.now().toString(36);
const supervisor = `sup-${run}`;
const head = `head-${run}`;
const agent = `agent-${run}`;
let admin: string;

const get = async (id: string) =>
  (await api<Complaint>(`/complaints/${id}`, { token: admin })).body;
const now = async () => Date.parse((await api<{ now: string }>('/_local/clock')).body.now);
const advanceTo = async (instant: string, extraMs: number) => {
  const hours = (Date.parse(instant) - (await now()) + extraMs) / 3_600_000;
  if (hours > 0) await api('/_local/clock/advance', { body: { hours } });
};
const sweep = () => api('/_local/schedules/sla-sweep/run', { method: 'POST' });
const raisedOnTimeline = (complaint: Complaint) =>
  complaint.timeline
    .map((entry) => entry.details?.checkpoint)
    .filter((key): key is string => key !== undefined);

beforeAll(async () => {
  admin = await tokenFor(['admin', 'complaints:read', 'complaints:write'], {
    role: 'admin',
    subject: 'admin-sla',
  });
  await api('/departments/after-sales', { method: 'PUT', token: admin, body: { name: '售后' } });
  for (const [id, role, onDuty] of [
    [agent, 'agent', true],
    [supervisor, 'supervisor', false],
    [head, 'head', false],
  ] as const) {
    await api(`/staff/${id}`, {
      method: 'PUT',
      token: admin,
      body: { name: id, email: `${id}@staff.example.com`, department: 'after-sales', role, onDuty },
    });
  }
  const configured = await api('/departments/after-sales', {
    method: 'PUT',
    token: admin,
    body: { name: '售后', supervisorId: supervisor, headId: head },
  });
  expect(configured.status).toBe(200);
  const rules = [
    {
      id: 'after-sales',
      when: { keywords: ['维修', '退货'] },
      then: { department: 'after-sales', category: 'after_sales' },
    },
  ];
  expect(
    (await api('/routing-rules', { method: 'PUT', token: admin, body: { rules } })).status,
  ).toBe(200);
});

describe('deadlines, warnings, breaches and escalation', () => {
  it('raises each checkpoint exactly once, never early, and escalates to supervisor then head', async () => {
    const { body: filed } = await api<Complaint>('/complaints', {
      token: admin,
      body: {
        customer: newCustomer(),
        channel: 'phone',
        subject: '维修一直没人上门',
        description: '保修期内维修预约超时',
      },
    });
    const assigned = await eventually(async () => {
      const complaint = await get(filed.id);
      return complaint.status === 'assigned' ? complaint : undefined;
    }, 'assignment');
    const firstCheck = assigned.sla.nextCheckAt ?? '';
    expect(Date.parse(firstCheck)).toBeLessThan(Date.parse(assigned.sla.firstResponseDue));

    await advanceTo(firstCheck, -60_000);
    await sweep();
    expect((await get(filed.id)).sla.raised).toEqual([]);

    await advanceTo(firstCheck, 60_000);
    await sweep();
    const warned = await get(filed.id);
    expect(warned.sla.raised).toHaveLength(1);
    expect(warned.sla.raised[0]).toMatch(/:warning$/);

    for (let step = 0; step < 8; step++) {
      const current = await get(filed.id);
      if (!current.sla.nextCheckAt) break;
      await advanceTo(current.sla.nextCheckAt, 60_000);
      await sweep();
      await sweep();
    }
    const final = await get(filed.id);
    expect(final.sla.raised.sort()).toEqual(
      [
        'escalation:1',
        'escalation:2',
        'firstResponse:breach',
        'firstResponse:warning',
        'resolution:breach',
        'resolution:warning',
      ].sort(),
    );
    expect(raisedOnTimeline(final).sort()).toEqual(final.sla.raised.sort());
    expect(final.escalationLevel).toBe(2);
    expect(final.breachedAt).toBeDefined();
    expect(final.sla.nextCheckAt).toBeUndefined();

    const published = (type: string, events: { 'detail-type': string }[]) =>
      events.filter((event) => event['detail-type'] === type).length;
    const mine = await eventually(async () => {
      const { body } = await api<{
        items: { 'detail-type': string; detail: { data: { complaintId?: string } } }[];
      }>('/_local/events');
      const events = body.items.filter((event) => event.detail.data.complaintId === filed.id);
      return published('ComplaintEscalated', events) >= 2 &&
        published('SlaWarning', events) >= 2 &&
        published('SlaBreached', events) >= 2
        ? events
        : undefined;
    }, 'the SLA events on the bus');
    expect(published('SlaWarning', mine)).toBe(2);
    expect(published('SlaBreached', mine)).toBe(2);
    expect(published('ComplaintEscalated', mine)).toBe(2);

    const toSupervisor = await eventually(async () => {
      const mails = (await emailsTo(`${supervisor}@staff.example.com`)).filter((mail) =>
        mail.subject.includes(filed.number),
      );
      return mails.length > 0 ? mails : undefined;
    }, 'the supervisor escalation email');
    expect(toSupervisor).toHaveLength(1);
    expect(toSupervisor[0]?.subject).toContain('L1');
    const toHead = await eventually(async () => {
      const mails = (await emailsTo(`${head}@staff.example.com`)).filter((mail) =>
        mail.subject.includes(filed.number),
      );
      return mails.length > 0 ? mails : undefined;
    }, 'the head escalation email');
    expect(toHead).toHaveLength(1);

    const breached = await api<{ items: { id: string }[] }>(
      '/complaints?breached=true&department=after-sales',
      { token: admin },
    );
    expect(breached.body.items.map((item) => item.id)).toContain(filed.id);
  });

  it('stops the clocks while waiting on the customer and adds the pause to the deadlines', async () => {
    const agentToken = await tokenFor(['complaints:read', 'complaints:write'], {
      role: 'staff',
      department: 'after-sales',
      subject: agent,
    });
    const { body: filed } = await api<Complaint>('/complaints', {
      token: admin,
      body: {
        customer: newCustomer(),
        channel: 'web',
        subject: '退货进度',
        description: '退货申请没有回复',
      },
    });
    const assigned = await eventually(async () => {
      const complaint = await get(filed.id);
      return complaint.status === 'assigned' ? complaint : undefined;
    }, 'assignment');
    await api(`/complaints/${filed.id}/responses`, {
      token: agentToken,
      body: { message: '请提供订单号' },
    });
    const waiting = await api<Complaint>(`/complaints/${filed.id}/await-customer`, {
      token: agentToken,
      body: { note: '等待订单号' },
    });
    expect(waiting.body.sla.pausedAt).toBeDefined();
    expect(waiting.body.sla.nextCheckAt).toBeUndefined();
    await api('/_local/clock/advance', { body: { hours: 72 } });
    await sweep();
    expect((await get(filed.id)).sla.raised).toEqual([]);
    const resumed = await api<Complaint>(`/complaints/${filed.id}/resume`, {
      token: agentToken,
      body: {},
    });
    expect(
      Date.parse(resumed.body.sla.resolutionDue) - Date.parse(assigned.sla.resolutionDue),
    ).toBeGreaterThanOrEqual(72 * 3_600_000 - 1000);
    const timeline = (await get(filed.id)).timeline.map((entry) => entry.action);
    expect(timeline).toEqual(expect.arrayContaining(['await_customer', 'resume']));
  });
});
