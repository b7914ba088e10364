import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import {
  api,
  emailsTo,
  eventually,
  expectCleanProblem,
  newCustomer,
  stack,
  tokenFor,
} from '../support/harness';

interface TimelineEntry {
  action: string;
  actor: string;
  at: string;
  note?: string;
  fromStatus?: string;
  toStatus?: string;
  details?: Record<string, unknown>;
}

interface Complaint {
  id: string;
  status: string;
  department?: string;
  ownerId?: string;
  receivedAt: string;
  version: number;
  transfers?: { from: string; to: string; at: string; by: string }[];
  unassignable?: { department: string; reason: string };
  sla?: { firstResponseDue: string; resolutionDue: string; raised?: string[] };
  allowedActions?: string[];
  timeline: TimelineEntry[];
}

interface BusEvent {
  'detail-type': string;
  detail: { eventId: string; data: Record<string, unknown> };
}

const run = Date.now().toString(36);
const salesAgent = `tr-sales-${run}`;
const afterSalesAgent = `tr-as-${run}`;
const keyword = `transfer-${run}`;
const sqs = new SQSClient({
  endpoint: stack.urls.sqs,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

let admin: string;
let salesStaff: string;
let afterSalesStaff: string;
let logisticsStaff: string;
let originalRules: unknown[] | undefined;
let salesSettings: Record<string, unknown> | undefined;

const read = async (id: string) =>
  (await api<Complaint>(`/complaints/${id}`, { token: admin })).body;
const untilAssignedIn = (id: string, department: string) =>
  eventually(async () => {
    const current = await read(id);
    return current.status === 'assigned' && current.department === department ? current : undefined;
  }, `complaint ${id} to be assigned in ${department}`);
const openWork = async (department: string) =>
  Object.fromEntries(
    (
      await api<{ items: { id: string; openComplaints: number }[] }>(
        `/staff?department=${department}`,
        { token: admin },
      )
    ).body.items.map((member) => [member.id, member.openComplaints]),
  );
const worklist = async (ownerId: string) =>
  (
    await api<{ items: { id: string }[] }>(`/complaints?assignee=${ownerId}&limit=100`, {
      token: admin,
    })
  ).body.items.map((item) => item.id);
const eventsOf = async (complaintId: string, type: string) =>
  (await api<{ items: BusEvent[] }>('/_local/events')).body.items.filter(
    (event) => event['detail-type'] === type && event.detail.data.complaintId === complaintId,
  );
const transfer = (id: string, body: Record<string, unknown>, token = admin) =>
  api<Complaint>(`/complaints/${id}/transfer`, { token, body });
const staffMember = (id: string, department: string, onDuty = true) =>
  api(`/staff/${id}`, {
    method: 'PUT',
    token: admin,
    body: { name: id, email: `${id}@staff.example.com`, department, role: 'agent', onDuty },
  });

/** A complaint the rules send to sales, assigned there. */
const salesComplaint = async (customer = newCustomer()) => {
  const filed = await api<Complaint>('/complaints', {
    token: admin,
    body: { customer, channel: 'web', subject: `${keyword} 价格不对`, description: '报价有误' },
  });
  expect(filed.status).toBe(201);
  return untilAssignedIn(filed.body.id, 'sales');
};

beforeAll(async () => {
  admin = await tokenFor(
    ['admin', 'complaints:read', 'complaints:write', 'customers:read', 'customers:write'],
    { role: 'admin', subject: `tr-admin-${run}` },
  );
  salesStaff = await tokenFor(['complaints:read', 'complaints:write'], {
    role: 'staff',
    department: 'sales',
    subject: salesAgent,
  });
  afterSalesStaff = await tokenFor(['complaints:read', 'complaints:write'], {
    role: 'staff',
    department: 'after-sales',
    subject: afterSalesAgent,
  });
  logisticsStaff = await tokenFor(['complaints:read', 'complaints:write'], {
    role: 'staff',
    department: 'logistics',
    subject: `tr-log-${run}`,
  });
  const departments = (
    await api<{ items: { id: string; name: string; supervisorId?: string; headId?: string }[] }>(
      '/departments',
      { token: admin },
    )
  ).body.items;
  const sales = departments.find((department) => department.id === 'sales');
  if (sales) {
    const { id: _id, ...settings } = sales;
    salesSettings = {
      name: settings.name,
      ...(settings.supervisorId ? { supervisorId: settings.supervisorId } : {}),
      ...(settings.headId ? { headId: settings.headId } : {}),
    };
  }
  for (const department of ['sales', 'after-sales']) {
    if (departments.some((each) => each.id === department)) continue;
    const response = await api(`/departments/${department}`, {
      method: 'PUT',
      token: admin,
      body: { name: department },
    });
    expect(response.status).toBe(201);
  }
  expect((await staffMember(salesAgent, 'sales')).status).toBeLessThan(300);
  expect((await staffMember(afterSalesAgent, 'after-sales')).status).toBeLessThan(300);
  const configured = new Set(
    (await api<{ items: { id: string }[] }>('/departments', { token: admin })).body.items.map(
      (department) => department.id,
    ),
  );
  originalRules = (
    await api<{ rules: { then: { department: string } }[] }>('/routing-rules', { token: admin })
  ).body.rules.filter((rule) => configured.has(rule.then.department));
  const rules = [
    { id: `tr-${run}`, when: { keywords: [keyword] }, then: { department: 'sales' } },
    ...originalRules,
  ].slice(0, 200);
  expect(
    (await api('/routing-rules', { method: 'PUT', token: admin, body: { rules } })).status,
  ).toBe(200);
});

afterAll(async () => {
  if (originalRules)
    await api('/routing-rules', { method: 'PUT', token: admin, body: { rules: originalRules } });
  await staffMember(salesAgent, 'sales', false);
  await staffMember(afterSalesAgent, 'after-sales', false);
  if (salesSettings)
    await api('/departments/sales', { method: 'PUT', token: admin, body: salesSettings });
});

describe('transferring a complaint to another department', () => {
  let complaint: Complaint;
  let moved: Complaint;
  let customerEmail: string;

  beforeAll(async () => {
    const customer = newCustomer();
    customerEmail = String(customer.email);
    complaint = await salesComplaint(customer);
    await eventually(
      async () => ((await emailsTo(customerEmail)).length > 0 ? true : undefined),
      'the acknowledgement',
    );
  });

  it('offers the transfer among the actions allowed', () => {
    expect(complaint.allowedActions).toContain('transfer');
  });

  it('lets staff of its department send it on: routed there, assigned by that queue, deadlines kept', async () => {
    const oldOwner = complaint.ownerId!;
    const before = { sales: await openWork('sales'), afterSales: await openWork('after-sales') };
    expect(await worklist(oldOwner)).toContain(complaint.id);

    const response = await transfer(
      complaint.id,
      { department: 'after-sales', reason: '属于售后问题' },
      salesStaff,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'routed', department: 'after-sales' });
    expect(response.body.ownerId).toBeUndefined();

    moved = await untilAssignedIn(complaint.id, 'after-sales');
    expect(Object.keys(before.afterSales)).toContain(moved.ownerId);
    // SLA not reset: the deadlines the customer was given stand.
    expect(moved.sla?.firstResponseDue).toBe(complaint.sla?.firstResponseDue);
    expect(moved.sla?.resolutionDue).toBe(complaint.sla?.resolutionDue);
    expect(moved.receivedAt).toBe(complaint.receivedAt);
    expect(moved.transfers).toEqual([
      // fromOwnerId: whose it was (the report counts the transfer away for them).
      {
        from: 'sales',
        to: 'after-sales',
        at: expect.any(String),
        by: salesAgent,
        fromOwnerId: oldOwner,
      },
    ]);
    // Who moved it, why, and when.
    const entry = moved.timeline.find((each) => each.action === 'transferred');
    expect(entry).toMatchObject({
      actor: salesAgent,
      note: '属于售后问题',
      fromStatus: 'assigned',
      toStatus: 'routed',
      details: { fromDepartment: 'sales', toDepartment: 'after-sales', previousOwnerId: oldOwner },
    });
    expect(entry?.at).toBe(moved.transfers?.[0]?.at);
    expect(moved.timeline.filter((each) => each.action === 'assigned')).toHaveLength(2);

    // Worklists: the old owner's open work down, the new owner's up.
    const after = { sales: await openWork('sales'), afterSales: await openWork('after-sales') };
    expect(after.sales[oldOwner]).toBe(before.sales[oldOwner]! - 1);
    expect(after.afterSales[moved.ownerId!]).toBe(before.afterSales[moved.ownerId!]! + 1);
    expect(await worklist(oldOwner)).not.toContain(complaint.id);
    expect(await worklist(moved.ownerId!)).toContain(complaint.id);

    const [event] = await eventsOf(complaint.id, 'ComplaintTransferred');
    expect(event?.detail.data).toEqual({
      complaintId: complaint.id,
      fromDepartment: 'sales',
      department: 'after-sales',
      transfers: 1,
      previousOwnerId: oldOwner,
    });
    // The customer is not emailed: only the acknowledgement reached them.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await emailsTo(customerEmail)).toHaveLength(1);
  });

  it('belongs to the new department from then on: the old one gets 404, the new one may act', async () => {
    const state = async () => {
      const { status, version, department, ownerId } = await read(complaint.id);
      return { status, version, department, ownerId };
    };
    const before = await state();
    expectCleanProblem(
      await api(`/complaints/${complaint.id}`, { token: salesStaff }),
      404,
      'not-found',
    );
    expectCleanProblem(
      await transfer(complaint.id, { department: 'sales', reason: '拿回来' }, salesStaff),
      404,
      'not-found',
    );
    expectCleanProblem(
      await transfer(complaint.id, { department: 'sales', reason: '越权' }, logisticsStaff),
      404,
      'not-found',
    );
    expect(await state()).toEqual(before);
    expect((await api(`/complaints/${complaint.id}`, { token: afterSalesStaff })).status).toBe(200);
  });

  it('refuses the department it is in, and a resolved complaint, with a 422 naming why', async () => {
    const same = await transfer(
      complaint.id,
      { department: 'after-sales', reason: 'x' },
      afterSalesStaff,
    );
    expectCleanProblem(same, 422, 'rule-violated');
    expect(same.text).toContain('already in the after-sales department');

    const other = await salesComplaint();
    expect(
      (
        await api(`/complaints/${other.id}/resolve`, {
          token: admin,
          body: { plan: '退差价', customerAgreed: true },
        })
      ).status,
    ).toBe(200);
    const resolved = await transfer(other.id, { department: 'after-sales', reason: 'x' });
    expectCleanProblem(resolved, 422, 'rule-violated');
    expect(resolved.text).toContain('resolved cannot be transferred; reopen it first');
    expect((await read(other.id)).department).toBe('sales');

    const configured = (
      await api<{ items: { id: string }[] }>('/departments', { token: admin })
    ).body.items.map((department) => department.id);
    if (!configured.includes('finance')) {
      const unconfigured = await transfer(complaint.id, { department: 'finance', reason: 'x' });
      expectCleanProblem(unconfigured, 400, 'validation-failed');
      expect(unconfigured.text).toContain('#/department');
    }
  });

  it('assigns once on duplicate delivery, and an older transfer arriving late moves nothing back', async () => {
    const [first] = await eventsOf(complaint.id, 'ComplaintTransferred');
    expect(first).toBeDefined();
    const again = await transfer(complaint.id, { department: 'sales', reason: '还是销售的' });
    expect(again.status).toBe(200);
    const back = await untilAssignedIn(complaint.id, 'sales');
    const second = (await eventsOf(complaint.id, 'ComplaintTransferred')).find(
      (event) => event.detail.data.transfers === 2,
    );
    expect(second).toBeDefined();
    const work = await openWork('sales');
    for (const [queue, event] of [
      ['department-after-sales', first],
      ['department-sales', second],
      ['department-sales', second],
      ['department-after-sales', first],
    ] as const) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queueUrls[queue],
          MessageBody: JSON.stringify(event),
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = await read(complaint.id);
    expect(after).toMatchObject({
      status: 'assigned',
      department: 'sales',
      ownerId: back.ownerId,
      version: back.version,
    });
    expect(after.timeline.filter((each) => each.action === 'assigned')).toHaveLength(3);
    expect(await openWork('sales')).toEqual(work);
  });
});

describe('a transferred complaint nobody can take', () => {
  const supervisor = `tr-as-sup-${run}`;
  type Member = { id: string; name: string; email: string; role: string; onDuty: boolean };
  let onDuty: Member[] = [];
  let afterSalesSettings: Record<string, unknown> | undefined;

  const setDuty = (member: Member, duty: boolean) =>
    api(`/staff/${member.id}`, {
      method: 'PUT',
      token: admin,
      body: {
        name: member.name,
        email: member.email,
        department: 'after-sales',
        role: member.role,
        onDuty: duty,
      },
    });

  beforeAll(async () => {
    const department = (
      await api<{ items: { id: string; name: string; supervisorId?: string; headId?: string }[] }>(
        '/departments',
        { token: admin },
      )
    ).body.items.find((each) => each.id === 'after-sales')!;
    afterSalesSettings = {
      name: department.name,
      ...(department.supervisorId ? { supervisorId: department.supervisorId } : {}),
      ...(department.headId ? { headId: department.headId } : {}),
    };
    expect(
      (
        await api(`/staff/${supervisor}`, {
          method: 'PUT',
          token: admin,
          body: {
            name: '售后主管',
            email: `${supervisor}@staff.example.com`,
            department: 'after-sales',
            role: 'supervisor',
            onDuty: false,
          },
        })
      ).status,
    ).toBe(201);
    await api('/departments/after-sales', {
      method: 'PUT',
      token: admin,
      body: { name: department.name, supervisorId: supervisor },
    });
    onDuty = (
      await api<{ items: Member[] }>('/staff?department=after-sales', { token: admin })
    ).body.items.filter((member) => member.onDuty);
    for (const member of onDuty) await setDuty(member, false);
  });

  afterAll(async () => {
    for (const member of onDuty) await setDuty(member, true);
    if (afterSalesSettings)
      await api('/departments/after-sales', {
        method: 'PUT',
        token: admin,
        body: afterSalesSettings,
      });
  });

  it('warns once (complaint, timeline, event, the supervisor’s email), then is assigned when someone is on duty', async () => {
    const complaint = await salesComplaint();
    expect(
      (await transfer(complaint.id, { department: 'after-sales', reason: '售后' })).status,
    ).toBe(200);
    const warned = await eventually(async () => {
      const current = await read(complaint.id);
      return current.unassignable ? current : undefined;
    }, 'the unassignable warning');
    expect(warned).toMatchObject({
      status: 'routed',
      department: 'after-sales',
      unassignable: { department: 'after-sales', reason: 'nobody-on-duty' },
    });
    const mails = await eventually(async () => {
      const sent = await emailsTo(`${supervisor}@staff.example.com`);
      return sent.length > 0 ? sent : undefined;
    }, 'the supervisor to be told');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('Complaint cannot be assigned');
    // The reconciliation offers it again every 5 minutes: no second warning.
    for (let round = 0; round < 2; round++) {
      await api('/_local/clock/advance', { body: { hours: 0.1 } });
      await api('/_local/schedules/complaint-reconciliation/run', { method: 'POST' });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const waiting = await read(complaint.id);
    expect(waiting.status).toBe('routed');
    expect(waiting.timeline.filter((entry) => entry.action === 'unassignable')).toHaveLength(1);
    expect(await eventsOf(complaint.id, 'ComplaintUnassignable')).toHaveLength(1);
    expect(await emailsTo(`${supervisor}@staff.example.com`)).toHaveLength(1);

    const [someone] = onDuty;
    if (!someone) return;
    await setDuty(someone, true);
    await api('/_local/clock/advance', { body: { hours: 0.1 } });
    await api('/_local/schedules/complaint-reconciliation/run', { method: 'POST' });
    const assigned = await untilAssignedIn(complaint.id, 'after-sales');
    expect(assigned.unassignable).toBeUndefined();
  });
});

describe('setting up departments and staff in either order', () => {
  const supervisor = `tr-sup-${run}`;

  it('takes a supervisor named before they are added, and shows them as awaited until then', async () => {
    const named = await api<{ supervisorId?: string; awaitingStaff?: string[] }>(
      '/departments/sales',
      { method: 'PUT', token: admin, body: { name: '销售部', supervisorId: supervisor } },
    );
    expect(named.status).toBeLessThan(300);
    expect(named.body).toMatchObject({ supervisorId: supervisor, awaitingStaff: ['supervisorId'] });
    expect(
      (
        await api(`/staff/${supervisor}`, {
          method: 'PUT',
          token: admin,
          body: {
            name: '主管',
            email: `${supervisor}@staff.example.com`,
            department: 'sales',
            role: 'supervisor',
            onDuty: false,
          },
        })
      ).status,
    ).toBe(201);
    const listed = await api<{ items: { id: string; awaitingStaff?: string[] }[] }>(
      '/departments',
      { token: admin },
    );
    const sales = listed.body.items.find((department) => department.id === 'sales');
    expect(sales).toMatchObject({ supervisorId: supervisor });
    expect(sales?.awaitingStaff).toBeUndefined();
  });

  it('takes staff for a department not configured yet, and refuses naming another department’s staff', async () => {
    const configured = (
      await api<{ items: { id: string }[] }>('/departments', { token: admin })
    ).body.items.map((department) => department.id);
    const early = `tr-early-${run}`;
    const unconfigured = ['finance', 'technical-support', 'logistics'].find(
      (id) => !configured.includes(id),
    );
    if (unconfigured) {
      // Off duty, so that no complaint of another test file is assigned to them.
      expect((await staffMember(early, unconfigured, false)).status).toBe(201);
      const staff = await api<{ items: { id: string }[] }>(`/staff?department=${unconfigured}`, {
        token: admin,
      });
      expect(staff.body.items.map((member) => member.id)).toContain(early);
    }
    const wrong = await api('/departments/sales', {
      method: 'PUT',
      token: admin,
      body: { name: '销售部', supervisorId: afterSalesAgent },
    });
    expectCleanProblem(wrong, 400, 'validation-failed');
    expect(wrong.text).toContain('#/supervisorId');
  });
});
