import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import {
  api,
  emailsTo,
  eventually,
  expectCleanProblem,
  newCustomer,
  stack,
  tokenFor,
  expectForbiddenByAuthorizer,
} from '../support/harness';
import { clockNow } from '../support/surveys';
import { BusinessCalendar } from '../../shared/domain/calendar/business-calendar';
import type { CalendarSettings } from '../../shared/domain/calendar/business-calendar';

interface Complaint {
  id: string;
  number: string;
  receivedAt: string;
  status: string;
  department?: string;
  ownerId?: string;
  priority?: string;
  customerId: string;
  sla?: { firstResponseDue: string; resolutionDue: string };
  firstRespondedAt?: string;
  allowedActions?: string[];
  deadlines?: { firstResponse: { met: boolean; businessHoursLeft: number } };
  timeline?: { action: string; actor: string; toStatus?: string; note?: string }[];
}

const run = Date.now().toString(36);
const agents = [`log-a-${run}`, `log-b-${run}`];
const sqs = new SQSClient({
  endpoint: stack.urls.sqs,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

let admin: string;
let logisticsAgent: string;
let salesAgent: string;

const complaint = (id: string, token = admin) => api<Complaint>(`/complaints/${id}`, { token });

const waitForStatus = (id: string, status: string) =>
  eventually(async () => {
    const { body } = await complaint(id);
    return body.status === status ? body : undefined;
  }, `complaint ${id} to be ${status}`);

const file = async (body: Record<string, unknown>, token = admin) =>
  api<Complaint>('/complaints', { token, body });

const action = (id: string, name: string, body: unknown, token = logisticsAgent) =>
  api<Complaint>(`/complaints/${id}/${name}`, { token, body });

beforeAll(async () => {
  admin = await tokenFor(
    ['admin', 'complaints:read', 'complaints:write', 'customers:read', 'customers:write'],
    {
      role: 'admin',
      subject: 'admin-1',
    },
  );
  logisticsAgent = await tokenFor(['complaints:read', 'complaints:write'], {
    role: 'staff',
    department: 'logistics',
    subject: agents[0],
  });
  salesAgent = await tokenFor(['complaints:read', 'complaints:write'], {
    role: 'staff',
    department: 'sales',
    subject: 'sales-agent',
  });
  for (const department of ['logistics', 'customer-service', 'sales']) {
    const response = await api(`/departments/${department}`, {
      method: 'PUT',
      token: admin,
      body: { name: department },
    });
    expect([200, 201]).toContain(response.status);
  }
  const delivery = [
    {
      id: 'delivery',
      when: { keywords: ['快递', '物流', '配送'] },
      then: { department: 'logistics', category: 'delivery' },
    },
  ];
  expect(
    (await api('/routing-rules', { method: 'PUT', token: admin, body: { rules: delivery } }))
      .status,
  ).toBe(200);
  for (const [index, id] of agents.entries()) {
    const response = await api(`/staff/${id}`, {
      method: 'PUT',
      token: admin,
      body: {
        name: `Agent ${index}`,
        email: `${id}@staff.example.com`,
        department: 'logistics',
        role: 'agent',
        onDuty: true,
      },
    });
    expect(response.status).toBe(201);
  }
});

describe('a complaint from intake to closing', () => {
  let id: string;
  let customerEmail: string;

  it('is received at once, then routed, acknowledged by email and assigned', async () => {
    const customer = newCustomer({ preferredLanguage: 'zh-CN' });
    customerEmail = String(customer.email);
    const filed = await file({
      customer,
      channel: 'web',
      subject: '快递三天没收到',
      description: '订单 A-1001 的快递已经三天没有更新物流信息了。',
      orderRef: 'A-1001',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'received', channel: 'web', orderRef: 'A-1001' });
    expect(filed.body.number).toMatch(/^KF-\d{8}-[0-9A-Z]{6}$/);
    id = filed.body.id;

    await waitForStatus(id, 'assigned');
    // The business hours left, as the default calendar counts them from the stack's clock. The
    // clock is shared: when another test file moves it meanwhile, read again.
    const { assigned, stackNow, calendar } = await eventually(async () => {
      const before = await clockNow();
      const { body } = await complaint(id);
      const settings = (
        await api<{ settings: CalendarSettings }>('/calendars/default', { token: admin })
      ).body.settings;
      return (await clockNow()) - before < 60_000
        ? { assigned: body, stackNow: before, calendar: new BusinessCalendar(settings) }
        : undefined;
    }, 'a reading of the complaint while the clock stands still');
    expect(assigned).toMatchObject({ department: 'logistics', priority: 'P3' });
    expect(agents).toContain(assigned.ownerId);
    const firstResponseDue = Date.parse(assigned.sla?.firstResponseDue ?? '');
    expect(firstResponseDue).toBeGreaterThan(Date.parse(assigned.receivedAt));
    expect(assigned.deadlines?.firstResponse).toMatchObject({ met: false });
    const hoursLeft = assigned.deadlines?.firstResponse.businessHoursLeft ?? -1;
    expect(hoursLeft).toBeGreaterThanOrEqual(0);
    expect(hoursLeft).toBeLessThanOrEqual(24);
    // Filed on a weekend night, the standards' 48-clock-hour cap may leave no working hour at all.
    const expected =
      calendar.businessTimeBetween(new Date(stackNow), new Date(firstResponseDue)).ms / 3_600_000;
    expect(Math.abs(hoursLeft - expected)).toBeLessThanOrEqual(1);
    expect(assigned.timeline?.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['filed', 'routed', 'assigned']),
    );

    const [ack] = await eventually(async () => {
      const mails = await emailsTo(customerEmail);
      return mails.length > 0 ? mails : undefined;
    }, 'the acknowledgement email');
    expect(ack?.subject).toContain('受理回执');
    expect(ack?.subject).toContain(filed.body.number);
    expect(ack?.body.text).toContain('之前答复您');
    expect(ack?.replyTo).toEqual(['complaints@kefu.local']);

    const ownerMail = await eventually(async () => {
      const mails = await emailsTo(`${assigned.ownerId}@staff.example.com`);
      return mails.find((mail) => mail.subject.includes(filed.body.number));
    }, 'the owner notification');
    expect(ownerMail.subject).toContain('[P3]');
  });

  it('refuses actions the lifecycle does not allow, naming the allowed ones', async () => {
    const response = await action(id, 'close', {});
    expectCleanProblem(response, 422, 'rule-violated');
    expect(response.body).toMatchObject({
      currentStatus: 'assigned',
      allowedActions: ['assign', 'respond', 'resolve'],
    });
  });

  it('hides it from another department (404) and shows it to its own', async () => {
    expectCleanProblem(await complaint(id, salesAgent), 404, 'not-found');
    expectCleanProblem(
      await action(id, 'responses', { message: 'hi' }, salesAgent),
      404,
      'not-found',
    );
    expect((await complaint(id, logisticsAgent)).status).toBe(200);
  });

  it('records the first reply, emails it to the customer, and stops the first-response clock', async () => {
    const reply = await action(id, 'responses', {
      message: '您好，我们已联系快递公司，明天送达。',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('in_progress');
    expect(reply.body.firstRespondedAt).toBeDefined();
    await eventually(async () => {
      const mails = await emailsTo(customerEmail);
      return mails.find((mail) => mail.body.text?.includes('明天送达'));
    }, 'the reply email');
    const second = await action(id, 'responses', { message: '补充：单号 SF123。' });
    expect(second.body.firstRespondedAt).toBe(reply.body.firstRespondedAt);
  });

  it('waits on the customer and resumes', async () => {
    expect((await action(id, 'await-customer', { note: '等待客户确认地址' })).body.status).toBe(
      'waiting_on_customer',
    );
    expect((await action(id, 'resume', {})).body.status).toBe('in_progress');
  });

  it('is resolved, closed with a ComplaintClosed event, and reopened', async () => {
    const resolved = await action(id, 'resolve', { plan: '补发并赔偿运费', customerAgreed: true });
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: { customerAgreed: true },
    });
    expect((await action(id, 'close', { note: '客户满意' })).body.status).toBe('closed');
    await eventually(async () => {
      const { body } = await api<{
        items: { 'detail-type': string; detail: { data: { complaintId?: string } } }[];
      }>('/_local/events');
      return body.items.find(
        (event) =>
          event['detail-type'] === 'ComplaintClosed' && event.detail.data.complaintId === id,
      );
    }, 'ComplaintClosed on the bus');
    const reopened = await action(id, 'reopen', { reason: '客户反馈仍未收到补发' });
    expect(reopened.body.status).toBe('reopened');
    const { body } = await complaint(id);
    expect(body.timeline?.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'filed',
        'routed',
        'assigned',
        'acknowledged',
        'respond',
        'await_customer',
        'resume',
        'resolve',
        'close',
        'reopen',
      ]),
    );
  });
});

describe('assignment', () => {
  it('shares ties in turn and prefers whoever has less open work', async () => {
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { body } = await file({
        customer: newCustomer(),
        channel: 'api',
        subject: `物流延误 ${i}`,
        description: '快递延误',
      });
      owners.push((await waitForStatus(body.id, 'assigned')).ownerId ?? '');
    }
    const counts = agents.map((agent) => owners.filter((owner) => owner === agent).length);
    expect(counts[0]! + counts[1]!).toBe(4);
    expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThanOrEqual(1);
    const staff = await api<{ items: { id: string; openComplaints: number }[] }>(
      '/staff?department=logistics',
      { token: admin },
    );
    const open = staff.body.items
      .filter((member) => agents.includes(member.id))
      .map((member) => member.openComplaints);
    expect(Math.abs(open[0]! - open[1]!)).toBeLessThanOrEqual(1);
  });

  it('assigns once, acknowledges once and notifies once when the routing event is delivered again', async () => {
    const customer = newCustomer();
    const { body } = await file({
      customer,
      channel: 'email',
      subject: '快递丢件',
      description: '包裹丢失',
    });
    const assigned = await waitForStatus(body.id, 'assigned');
    await eventually(
      async () => ((await emailsTo(String(customer.email))).length >= 2 ? true : undefined),
      'ack',
    );
    const events = await api<{
      items: { 'detail-type': string; detail: { data: { complaintId?: string } } }[];
    }>('/_local/events');
    const routed = events.body.items.find(
      (event) =>
        event['detail-type'] === 'ComplaintRouted' && event.detail.data.complaintId === body.id,
    );
    expect(routed).toBeDefined();
    const filedEvent = events.body.items.find(
      (event) =>
        event['detail-type'] === 'ComplaintFiled' && event.detail.data.complaintId === body.id,
    );
    for (const [queue, event] of [
      ['department-logistics', routed],
      ['department-logistics', routed],
      ['notifications', routed],
      ['complaint-intake', filedEvent],
    ] as const) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queueUrls[queue],
          MessageBody: JSON.stringify(event),
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = await complaint(body.id);
    expect(after.body.ownerId).toBe(assigned.ownerId);
    expect(after.body.timeline?.filter((entry) => entry.action === 'assigned')).toHaveLength(1);
    expect(after.body.timeline?.filter((entry) => entry.action === 'routed')).toHaveLength(1);
    expect(after.body.timeline?.filter((entry) => entry.action === 'acknowledged')).toHaveLength(1);
    // One receipt, and (an email complaint: the customer wants updates) one "a person has it".
    const subjects = (await emailsTo(String(customer.email))).map((email) => email.subject);
    expect(subjects.filter((subject) => subject.includes('受理'))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.includes('已有专人负责'))).toHaveLength(1);
    expect(subjects).toHaveLength(2);
  });

  it('lets an agent hand a complaint to a colleague, moving the open-work counts', async () => {
    const { body } = await file({
      customer: newCustomer(),
      channel: 'phone',
      subject: '配送员态度',
      description: '快递员送货慢',
    });
    const assigned = await waitForStatus(body.id, 'assigned');
    const other = agents.find((agent) => agent !== assigned.ownerId) ?? '';
    const moved = await action(body.id, 'assign', { ownerId: other, note: '交接' });
    expect(moved.body.ownerId).toBe(other);
    expectCleanProblem(
      await action(body.id, 'assign', { ownerId: 'nobody-here' }),
      422,
      'rule-violated',
    );
  });
});

describe('listing', () => {
  it('lists by department and status for its staff, and refuses other departments', async () => {
    const mine = await api<{ items: Complaint[] }>('/complaints?status=assigned', {
      token: logisticsAgent,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(
      mine.body.items.every(
        (item) => item.department === 'logistics' && item.status === 'assigned',
      ),
    ).toBe(true);
    expectCleanProblem(
      await api('/complaints?department=sales', { token: logisticsAgent }),
      422,
      'rule-violated',
    );
  });

  it('lists by assignee and by customer, and needs a criterion from admins', async () => {
    const byOwner = await api<{ items: Complaint[] }>(`/complaints?assignee=${agents[1]}`, {
      token: admin,
    });
    expect(byOwner.body.items.every((item) => item.ownerId === agents[1])).toBe(true);
    const { body } = await file({
      customer: newCustomer(),
      channel: 'web',
      subject: 'x',
      description: 'y',
    });
    const byCustomer = await api<{ items: Complaint[] }>(
      `/customers/${body.customerId}/complaints`,
      { token: admin },
    );
    expect(byCustomer.body.items.map((item) => item.id)).toEqual([body.id]);
    expectCleanProblem(await api('/complaints', { token: admin }), 422, 'rule-violated');
  });
});

describe('bad input to complaints and configuration', () => {
  it.each([
    ['no customer', { channel: 'web', subject: 's', description: 'd' }],
    [
      'both customer and customerId',
      {
        customerId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        customer: newCustomer(),
        channel: 'web',
        subject: 's',
        description: 'd',
      },
    ],
    [
      'an unknown channel',
      { customer: newCustomer(), channel: 'fax', subject: 's', description: 'd' },
    ],
    [
      'an empty subject',
      { customer: newCustomer(), channel: 'web', subject: ' ', description: 'd' },
    ],
    [
      'a javascript: attachment',
      {
        customer: newCustomer(),
        channel: 'web',
        subject: 's',
        description: 'd',
        attachments: [{ url: 'javascript:alert(1)' }],
      },
    ],
    [
      'an unknown field',
      { customer: newCustomer(), channel: 'web', subject: 's', description: 'd', status: 'closed' },
    ],
  ])('%s is a 400', async (_label, body) => {
    expectCleanProblem(await file(body), 400, 'validation-failed');
  });

  it('refuses a complaint for a customer that does not exist', async () => {
    expectCleanProblem(
      await file({
        customerId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        channel: 'web',
        subject: 's',
        description: 'd',
      }),
      422,
      'rule-violated',
    );
  });

  it('needs the admin scope to configure, and refuses rules naming unconfigured departments and unknown departments', async () => {
    expectForbiddenByAuthorizer(
      await api('/routing-rules', { method: 'PUT', token: logisticsAgent, body: { rules: [] } }),
      ['admin'],
    );
    const rules = [{ id: 'x', when: { keywords: ['发票'] }, then: { department: 'finance' } }];
    const response = await api('/routing-rules', { method: 'PUT', token: admin, body: { rules } });
    expectCleanProblem(response, 400, 'validation-failed');
    expect(JSON.stringify(response.body)).toContain('#/rules/0/then/department');
    expectCleanProblem(
      await api('/departments/marketing', { method: 'PUT', token: admin, body: { name: 'M' } }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/staff/x1', {
        method: 'PUT',
        token: admin,
        body: {
          name: 'X',
          email: 'x@example.com',
          department: 'marketing',
          role: 'agent',
          onDuty: true,
        },
      }),
      400,
      'validation-failed',
    );
  });

  it('stores valid rules and routes by them', async () => {
    const rules = [
      {
        id: 'vip-sales',
        when: { tiers: ['platinum'] },
        then: { department: 'sales', priority: 'P1' },
      },
    ];
    const stored = await api<{ version: number }>('/routing-rules', {
      method: 'PUT',
      token: admin,
      body: { rules },
    });
    expect(stored.status).toBe(200);
    try {
      const { status, body } = await file({
        customer: newCustomer({ tier: 'platinum' }),
        channel: 'web',
        subject: '快递',
        description: 'd',
      });
      expect(status).toBe(201);
      const routed = await waitForStatus(body.id, 'routed');
      expect(routed).toMatchObject({ department: 'sales', priority: 'P1' });
    } finally {
      const delivery = [
        {
          id: 'delivery',
          when: { keywords: ['快递', '物流'] },
          then: { department: 'logistics', category: 'delivery' },
        },
      ];
      await api('/routing-rules', { method: 'PUT', token: admin, body: { rules: delivery } });
    }
  });
});
