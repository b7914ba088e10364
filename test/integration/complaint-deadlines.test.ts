import { beforeAll, describe, expect, it } from 'vitest';
import { BusinessCalendar, DEFAULT_CALENDAR } from '../../shared/domain/calendar/business-calendar';
import {
  api,
  emailsTo,
  eventually,
  expectCleanProblem,
  newCustomer,
  tokenFor,
} from '../support/harness';

interface Complaint {
  id: string;
  number: string;
  status: string;
  receivedAt: string;
  deadlines?: { firstResponse: { due: string }; resolution: { due: string } };
  escalationLevel: number;
  breachedAt?: string;
  sla: {
    firstResponseDue: string;
    resolutionDue: string;
    nextCheckAt?: string;
    raised: string[];
    pausedAt?: string;
    policyId: string;
  };
  timeline: {
    action: string;
    details?: { checkpoint?: string; level?: number; dueAt?: string };
  }[];
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
    // The standard policy's first reply (capped at 48 clock hours) and resolution (48 clock
    // hours) are due together, so both warnings fall at the first check.
    expect(warned.sla.raised.length).toBeGreaterThan(0);
    for (const key of warned.sla.raised) expect(key).toMatch(/:warning$/);

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

/** Parts of an instant on the Shanghai wall clock (UTC+8, no daylight saving). */
const local = (instant: number) => {
  const shifted = new Date(instant + 8 * 3_600_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hour: shifted.getUTCHours(),
  };
};
const HOUR = 3_600_000;

describe('a complaint filed on a Friday evening', () => {
  it('is promised and due by Sunday, warned and breached on that clock, and escalated on Monday morning', async () => {
    // The department counts on the default calendar (Asia/Shanghai, Mon–Fri 09:00–18:00).
    expect(
      (
        await api('/calendars/after-sales', {
          method: 'PUT',
          token: admin,
          body: { timeZone: 'Asia/Shanghai', workingHours: DEFAULT_CALENDAR.workingHours },
        })
      ).status,
    ).toBe(200);
    const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
    // The coming Friday, 19:00 in Shanghai.
    const today = await now();
    let friday = Math.floor((today + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR + 19 * HOUR;
    while (local(friday).weekday !== 5 || friday <= today) friday += 24 * HOUR;
    await advanceTo(new Date(friday).toISOString(), 0);

    const customer = newCustomer();
    const { body: filed } = await api<Complaint>('/complaints', {
      token: admin,
      body: {
        customer,
        channel: 'web',
        subject: '维修师傅周五没来',
        description: '预约的维修没有上门',
      },
    });
    const received = Date.parse(filed.receivedAt);
    expect(received - friday).toBeLessThan(HOUR);
    const assigned = await eventually(async () => {
      const complaint = await get(filed.id);
      return complaint.status === 'assigned' ? complaint : undefined;
    }, 'assignment');
    expect(assigned.sla.policyId).toBe('standard');

    // Due 48 clock hours after receipt, on Sunday evening — not on Wednesday, 24 business hours on.
    const due = received + 48 * HOUR;
    expect(local(due).weekday).toBe(0);
    expect(assigned.sla.firstResponseDue).toBe(new Date(due).toISOString());
    expect(assigned.deadlines?.firstResponse.due).toBe(new Date(due).toISOString());
    expect(Date.parse(assigned.sla.resolutionDue)).toBeGreaterThanOrEqual(due);

    // The receipt promises that date, written as a reader of Chinese expects it.
    const { year, month, day } = local(due);
    const minutes = new Date(due).toISOString().slice(14, 16);
    const promise = `${year}年${month}月${day}日 ${String(local(due).hour).padStart(2, '0')}:${minutes}（北京时间）`;
    const receipt = await eventually(async () => {
      const mails = (await emailsTo(customer.email)).filter((mail) =>
        mail.subject.includes(filed.number),
      );
      return mails[0];
    }, 'the receipt');
    expect(receipt.body.text).toContain(`我们将在 ${promise} 之前答复您。`);
    expect(receipt.body.text).not.toContain('GMT');

    const listed = async (breached: boolean) =>
      (
        await api<{ items: { id: string }[] }>(
          `/complaints?breached=${breached}&department=after-sales&limit=100`,
          { token: admin },
        )
      ).body.items.map((item) => item.id);
    expect(await listed(false)).toContain(filed.id);
    expect(await listed(true)).not.toContain(filed.id);
    // breached=false alone narrows nothing an index can find.
    expectCleanProblem(
      await api('/complaints?breached=false', { token: admin }),
      422,
      'rule-violated',
    );

    // Warned at 80 % of the 48 hours (Sunday morning), not a minute before.
    const warning = received + 0.8 * 48 * HOUR;
    await advanceTo(new Date(warning).toISOString(), -60_000);
    await sweep();
    expect((await get(filed.id)).sla.raised).toEqual([]);
    await advanceTo(new Date(warning).toISOString(), 60_000);
    await sweep();
    expect((await get(filed.id)).sla.raised).toContain('firstResponse:warning');

    // Breached on Sunday evening; the escalation waits for the next working hour.
    await advanceTo(new Date(due).toISOString(), 60_000);
    await sweep();
    const breached = await get(filed.id);
    expect(breached.sla.raised).toContain('firstResponse:breach');
    expect(breached.sla.raised).not.toContain('escalation:1');
    expect(breached.breachedAt).toBeDefined();
    expect(breached.escalationLevel).toBe(0);
    expect(await listed(true)).toContain(filed.id);
    expect(await listed(false)).not.toContain(filed.id);

    // The first working day after Sunday (a holiday Monday is skipped), 09:00.
    const dateOf = (instant: number) => new Date(instant + 8 * HOUR).toISOString().slice(0, 10);
    let nextDay = due + 24 * HOUR;
    while (!calendar.dayKind(dateOf(nextDay)).working) nextDay += 24 * HOUR;
    const morning = Date.parse(`${dateOf(nextDay)}T09:00:00+08:00`);
    const supervisorMails = async () =>
      (await emailsTo(`${supervisor}@staff.example.com`)).filter((mail) =>
        mail.subject.includes(filed.number),
      );
    await advanceTo(new Date(morning).toISOString(), -5 * 60_000);
    await sweep();
    expect((await get(filed.id)).sla.raised).not.toContain('escalation:1');
    expect(await supervisorMails()).toEqual([]);

    await advanceTo(new Date(morning).toISOString(), 60_000);
    await sweep();
    const escalated = await get(filed.id);
    expect(escalated.escalationLevel).toBe(1);
    const entry = escalated.timeline.find((item) => item.details?.checkpoint === 'escalation:1');
    expect(entry?.details?.dueAt).toBe(new Date(morning).toISOString());
    const mails = await eventually(async () => {
      const found = await supervisorMails();
      return found.length > 0 ? found : undefined;
    }, 'the supervisor escalation email');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('L1');

    // The head 8 h after the supervisor, still within Monday's working hours.
    await advanceTo(new Date(morning + 8 * HOUR).toISOString(), 60_000);
    await sweep();
    expect((await get(filed.id)).escalationLevel).toBe(2);
    await eventually(async () => {
      const found = (await emailsTo(`${head}@staff.example.com`)).filter((mail) =>
        mail.subject.includes(filed.number),
      );
      return found.length > 0 ? found : undefined;
    }, 'the head escalation email');
  });
});
