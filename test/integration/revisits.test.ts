import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { keys } from '../../shared/adapters/dynamodb/keys';
import {
  api,
  documents,
  emailsTo,
  eventually,
  expectCleanProblem,
  newCustomer,
  stack,
  tokenFor,
} from '../support/harness';
import { advanceTo, clockNow, readRevisit, revisitsOf } from '../support/revisits';

interface Revisit {
  id: string;
  policyId: string;
  status: string;
  opensAt: string;
  dueAt: string;
  assigneeId?: string;
  attempts: unknown[];
  cause: { type: string; id: string };
}

const run = Date.now().toString(36);
const technician = `tech-${run}`;
let admin: string;
let agent: string;

const revisitByPolicy = (customerId: string, policyId: string) =>
  eventually(async () => {
    const planned = await Promise.all((await revisitsOf(customerId)).map(revisit));
    return planned.find((candidate) => candidate.policyId === policyId);
  }, `the ${policyId} revisit`);
/** Read as an admin: follow-ups belong to the complaint's department, not the agent's. */
const revisit = (id: string): Promise<Revisit> => readRevisit(id, admin);
const service = async (customerId: string, kind: string, completedAt: string) =>
  api<{ id: string; firstForCustomer: boolean }>('/services', {
    token: admin,
    body: {
      customerId,
      kind,
      completedAt,
      staffId: technician,
      department: 'after-sales',
      reference: `WO-${run}`,
    },
  });

beforeAll(async () => {
  admin = await tokenFor(
    [
      'admin',
      'customers:read',
      'customers:write',
      'complaints:read',
      'complaints:write',
      'revisits:read',
      'revisits:write',
    ],
    { role: 'admin' },
  );
  agent = await tokenFor(['revisits:read', 'revisits:write'], {
    role: 'staff',
    department: 'after-sales',
    subject: technician,
  });
});

describe('revisits (回访)', () => {
  it('plans a call within 72 hours of handing over a repair, in the due list at once, once', async () => {
    const { body: customer } = await api<{ id: string }>('/customers', {
      token: admin,
      body: newCustomer(),
    });
    // Handed over on a Friday evening (19:00 Asia/Shanghai).
    const now = await clockNow();
    const local = new Date(now + 8 * 3_600_000);
    const daysToFriday = (5 - local.getUTCDay() + 7) % 7 || 7;
    const friday = Date.UTC(
      local.getUTCFullYear(),
      local.getUTCMonth(),
      local.getUTCDate() + daysToFriday,
      11,
    );
    await advanceTo(new Date(friday).toISOString(), 0);
    const completedAt = new Date(await clockNow()).toISOString();
    const recorded = await service(customer.id, 'repair', completedAt);
    expect(recorded.status).toBe(201);
    expect(recorded.body.firstForCustomer).toBe(true);
    const ids = await revisitsOf(customer.id, 2);
    const planned = await Promise.all(ids.map(revisit));
    const postService = planned.find((r) => r.policyId === 'post-service');
    expect(postService).toMatchObject({
      assigneeId: technician,
      cause: { type: 'service', id: recorded.body.id },
      opensAt: completedAt,
    });
    // 修后交车72小时内: the deadline is 72 hours after handover, the window open from handover.
    expect(Date.parse(postService!.dueAt) - Date.parse(completedAt)).toBe(72 * 3_600_000);
    expect(planned.map((r) => r.policyId).sort()).toEqual(['post-service', 'welcome']);

    // The same ServiceDelivered delivered again plans nothing new.
    const events = await api<{
      items: { 'detail-type': string; detail: { data: { serviceId?: string } } }[];
    }>('/_local/events');
    const delivered = events.body.items.find(
      (event) =>
        event['detail-type'] === 'ServiceDelivered' &&
        event.detail.data.serviceId === recorded.body.id,
    );
    const sqs = new SQSClient({
      endpoint: stack.urls.sqs,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.queueUrls['revisit-planning'],
        MessageBody: JSON.stringify(delivered),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await revisitsOf(customer.id)).length).toBe(2);

    // In the owner's due list at once (the next sweep), with its deadline; not yet overdue.
    await api('/_local/schedules/revisits-due/run', { method: 'POST' });
    expect((await revisit(postService!.id)).status).toBe('due');
    const dueNow = await api<{ items: Revisit[] }>('/revisits?status=due', { token: agent });
    expect(dueNow.body.items.find((r) => r.id === postService!.id)).toMatchObject({
      dueAt: postService!.dueAt,
    });
    const overdueNow = await api<{ items: Revisit[] }>('/revisits?status=due&due=overdue', {
      token: agent,
    });
    expect(overdueNow.body.items.map((r) => r.id)).not.toContain(postService!.id);

    // Completed at 71 h: on time.
    await advanceTo(postService!.dueAt, -3_600_000);
    const done = await api<Revisit & { outcome: { score: number } }>(
      `/revisits/${postService!.id}/outcome`,
      {
        token: agent,
        body: { reached: true, score: 5, notes: '维修后使用正常' },
      },
    );
    expect(done.body).toMatchObject({ status: 'completed', outcome: { score: 5 } });
    expectCleanProblem(
      await api(`/revisits/${postService!.id}/outcome`, { token: agent, body: { reached: false } }),
      422,
      'rule-violated',
    );
    const timeline = await api<{ items: { need: string; result?: string }[] }>(
      `/customers/${customer.id}/interactions`,
      { token: admin },
    );
    expect(
      timeline.body.items.some(
        (item) => item.need.includes('post-service') && item.result?.includes('score 5'),
      ),
    ).toBe(true);
  });

  it('retries an unreachable customer, then marks the revisit unreachable', async () => {
    const { body: customer } = await api<{ id: string }>('/customers', {
      token: admin,
      body: newCustomer(),
    });
    await service(customer.id, 'delivery', new Date(await clockNow()).toISOString());
    const postService = await revisitByPolicy(customer.id, 'post-service');
    let current = postService;
    const deadline = postService.dueAt;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await advanceTo(current.opensAt);
      await api('/_local/schedules/revisits-due/run', { method: 'POST' });
      expect((await revisit(current.id)).status).toBe('due');
      const result = await api<Revisit>(`/revisits/${current.id}/outcome`, {
        token: agent,
        body: { reached: false, notes: '无人接听' },
      });
      current = result.body;
      expect(current.status).toBe(attempt < 3 ? 'planned' : 'unreachable');
      expect(current.dueAt).toBe(deadline);
    }
    expect(current.attempts).toHaveLength(3);
  });

  it('reminds by email when the periodic-maintenance revisit falls due', async () => {
    const customer = newCustomer();
    const { body } = await api<{ id: string }>('/customers', { token: admin, body: customer });
    await service(body.id, 'maintenance', new Date(await clockNow()).toISOString());
    const periodic = await revisitByPolicy(body.id, 'periodic-maintenance');
    await api('/_local/schedules/revisits-due/run', { method: 'POST' });
    expect((await revisit(periodic.id)).status).toBe('planned');
    await advanceTo(periodic.opensAt);
    await api('/_local/schedules/revisits-due/run', { method: 'POST' });
    const reminder = await eventually(
      async () => (await emailsTo(String(customer.email)))[0],
      'the reminder email',
    );
    expect(reminder.subject).toContain('回访');
  });

  it('plans the post-complaint follow-up when a complaint is closed', async () => {
    const closer = await tokenFor(['complaints:read', 'complaints:write'], { role: 'admin' });
    await api('/departments/customer-service', {
      method: 'PUT',
      token: admin,
      body: { name: '客服部' },
    });
    const owner = `cs-owner-${run}`;
    await api(`/staff/${owner}`, {
      method: 'PUT',
      token: admin,
      body: {
        name: 'Owner',
        email: `${owner}@staff.example.com`,
        department: 'customer-service',
        role: 'agent',
        onDuty: true,
      },
    });
    await api('/routing-rules', { method: 'PUT', token: admin, body: { rules: [] } });
    const { body: complaint } = await api<{ id: string; customerId: string }>('/complaints', {
      token: admin,
      body: {
        customer: newCustomer(),
        channel: 'web',
        subject: '服务一般',
        description: '希望改进',
      },
    });
    await eventually(
      async () =>
        (await api<{ status: string }>(`/complaints/${complaint.id}`, { token: closer })).body
          .status !== 'received'
          ? true
          : undefined,
      'routing',
    );
    const current = (
      await api<{ status: string }>(`/complaints/${complaint.id}`, { token: closer })
    ).body;
    if (current.status === 'routed')
      await api(`/complaints/${complaint.id}/assign`, { token: closer, body: { ownerId: owner } });
    await api(`/complaints/${complaint.id}/resolve`, {
      token: closer,
      body: { plan: '已改进', customerAgreed: true },
    });
    await api(`/complaints/${complaint.id}/close`, { token: closer, body: {} });
    const ids = await revisitsOf(complaint.customerId);
    const followUp = await revisit(ids[0]!);
    expect(followUp).toMatchObject({
      policyId: 'post-complaint',
      cause: { type: 'complaint', id: complaint.id },
    });
  });

  it('cancels, with the reason, a revisit of a customer who withdrew consent, and sends nothing', async () => {
    const customer = newCustomer();
    const { body } = await api<{ id: string }>('/customers', { token: admin, body: customer });
    await service(body.id, 'maintenance', new Date(await clockNow()).toISOString());
    const periodic = await revisitByPolicy(body.id, 'periodic-maintenance');
    const withdrawn = await api(`/customers/${body.id}`, {
      method: 'PATCH',
      token: admin,
      body: { consents: { serviceContact: { granted: false, source: 'phone-request' } } },
      headers: { 'if-match': '"v1"' },
    });
    expect(withdrawn.status).toBe(200);
    await advanceTo(periodic.dueAt);
    await api('/_local/schedules/revisits-due/run', { method: 'POST' });
    const cancelled = await api<Revisit & { cancellation?: { reason: string } }>(
      `/revisits/${periodic.id}`,
      { token: agent },
    );
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.cancellation?.reason).toContain('withdrew consent');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await emailsTo(String(customer.email))).toHaveLength(0);
  });

  it('opens a complaint from an issue found on a revisit, once, linked both ways', async () => {
    const { body: customer } = await api<{ id: string }>('/customers', {
      token: admin,
      body: newCustomer(),
    });
    const planned = await api<Revisit>('/revisits', {
      token: admin,
      body: {
        customerId: customer.id,
        dueAt: new Date(await clockNow()).toISOString(),
        channel: 'phone',
        reason: '客户要求回电',
        assigneeId: technician,
      },
    });
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({
      policyId: 'manual',
      cause: { type: 'manual' },
      assigneeId: technician,
    });
    await api(`/revisits/${planned.body.id}/outcome`, {
      token: agent,
      body: { reached: true, score: 2, issuesFound: '上门维修后仍有异响' },
    });
    const writer = await tokenFor(['revisits:write', 'complaints:write', 'complaints:read'], {
      role: 'admin',
    });
    const opened = await api<{ complaintId: string }>(`/revisits/${planned.body.id}/complaint`, {
      token: writer,
      body: {},
    });
    expect(opened.status).toBe(201);
    const again = await api<{ complaintId: string }>(`/revisits/${planned.body.id}/complaint`, {
      token: writer,
      body: {},
    });
    expect(again.status).toBe(200);
    expect(again.body.complaintId).toBe(opened.body.complaintId);
    const complaint = await api<{ description: string; origin: { type: string; id: string } }>(
      `/complaints/${opened.body.complaintId}`,
      { token: writer },
    );
    expect(complaint.body).toMatchObject({
      description: '上门维修后仍有异响',
      origin: { type: 'revisit', id: planned.body.id },
    });
  });

  it('plans by the policies set through /revisit-policies, validated', async () => {
    const initial = await api<{ policies: unknown[]; defaults: boolean }>('/revisit-policies', {
      token: admin,
    });
    expect(initial.body.policies.map((policy) => (policy as { id: string }).id)).toEqual([
      'post-service',
      'periodic-maintenance',
      'post-complaint',
      'welcome',
    ]);
    const policy = {
      id: 'install-check',
      description: 'Check within 2 business days of an installation, from the next day',
      trigger: { type: 'service', kinds: ['installation'] },
      opensAfter: { amount: 1, unit: 'days' },
      dueWithin: { amount: 2, unit: 'business-days' },
      channel: 'phone',
      owner: 'service-staff',
      maxAttempts: 2,
      retrySpacingHours: 4,
      surveyAfter: false,
    };
    expectCleanProblem(
      await api('/revisit-policies', {
        method: 'PUT',
        token: admin,
        body: { policies: [{ ...policy, trigger: { type: 'service', kinds: [] } }] },
      }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/revisit-policies', {
        method: 'PUT',
        token: admin,
        body: { policies: [policy, policy] },
      }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/revisit-policies', {
        method: 'PUT',
        token: admin,
        body: { policies: [{ ...policy, dueWithin: { amount: 1, unit: 'fortnights' } }] },
      }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/revisit-policies', {
        method: 'PUT',
        token: admin,
        body: { policies: [{ ...policy, opensAfter: { amount: 3, unit: 'business-days' } }] },
      }),
      400,
      'validation-failed',
    );
    expect(
      (
        await api('/revisit-policies', {
          method: 'PUT',
          token: admin,
          body: { policies: [policy] },
        })
      ).status,
    ).toBe(200);
    try {
      const { body: customer } = await api<{ id: string }>('/customers', {
        token: admin,
        body: newCustomer(),
      });
      const completedAt = new Date(await clockNow()).toISOString();
      await service(customer.id, 'installation', completedAt);
      const [id] = await revisitsOf(customer.id);
      const planned = await revisit(id!);
      expect(planned.policyId).toBe('install-check');
      // Opens a day later, moved into working time when that falls outside it (a call).
      const dayLater = Date.parse(completedAt) + 24 * 3_600_000;
      expect(Date.parse(planned.opensAt)).toBeGreaterThanOrEqual(dayLater);
      if (Date.parse(planned.opensAt) !== dayLater) {
        expect(new Date(Date.parse(planned.opensAt) + 8 * 3_600_000).toISOString()).toMatch(
          /T09:00:00/,
        );
      }
      expect(Date.parse(planned.dueAt)).toBeGreaterThanOrEqual(
        Date.parse(completedAt) + 2 * 24 * 3_600_000,
      );
    } finally {
      await api('/revisit-policies', {
        method: 'PUT',
        token: admin,
        body: { policies: initial.body.policies },
      });
    }
  });

  it('reads a policy stored before windows with its delay as the deadline, the call open at once', async () => {
    const key = keys.revisitPolicies();
    const before = (await documents.send(new GetCommand({ TableName: stack.tableName, Key: key })))
      .Item as { value: unknown[]; version: number } | undefined;
    const legacy = {
      id: 'legacy-call',
      description: 'A call 48 hours after an installation (stored with a delay)',
      trigger: { type: 'service', kinds: ['installation'] },
      delay: { amount: 48, unit: 'hours' },
      channel: 'phone',
      owner: 'service-staff',
      maxAttempts: 2,
      retrySpacingHours: 6,
      surveyAfter: false,
    };
    await documents.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: {
          ...key,
          entityType: 'Setting',
          value: [legacy],
          version: (before?.version ?? 0) + 1,
          updatedAt: new Date(await clockNow()).toISOString(),
        },
      }),
    );
    try {
      const read = await api<{ policies: Record<string, unknown>[] }>('/revisit-policies', {
        token: admin,
      });
      const { delay: _delay, ...kept } = legacy;
      expect(read.body.policies).toEqual([
        {
          ...kept,
          opensAfter: { amount: 0, unit: 'hours' },
          dueWithin: { amount: 48, unit: 'hours' },
        },
      ]);
      const { body: customer } = await api<{ id: string }>('/customers', {
        token: admin,
        body: newCustomer(),
      });
      const completedAt = new Date(await clockNow()).toISOString();
      await service(customer.id, 'installation', completedAt);
      const planned = await revisitByPolicy(customer.id, 'legacy-call');
      expect(planned!.opensAt).toBe(completedAt);
      expect(Date.parse(planned!.dueAt) - Date.parse(completedAt)).toBe(48 * 3_600_000);
    } finally {
      if (before)
        await documents.send(new PutCommand({ TableName: stack.tableName, Item: before }));
      else await documents.send(new DeleteCommand({ TableName: stack.tableName, Key: key }));
    }
  });

  it('lists a revisit past its deadline as overdue', async () => {
    const { body: customer } = await api<{ id: string }>('/customers', {
      token: admin,
      body: newCustomer(),
    });
    await service(customer.id, 'repair', new Date(await clockNow()).toISOString());
    const postService = await revisitByPolicy(customer.id, 'post-service');
    await advanceTo(postService!.dueAt, 3_600_000);
    await api('/_local/schedules/revisits-due/run', { method: 'POST' });
    const overdue = await api<{ items: Revisit[] }>('/revisits?status=due&due=overdue', {
      token: agent,
    });
    expect(overdue.body.items.map((r) => r.id)).toContain(postService!.id);
  });

  it('emails each owner one digest a day of their due and overdue revisits', async () => {
    await api('/departments/after-sales', { method: 'PUT', token: admin, body: { name: '售后' } });
    const owner = `digest-${run}`;
    await api(`/staff/${owner}`, {
      method: 'PUT',
      token: admin,
      body: {
        name: 'Digest Owner',
        email: `${owner}@staff.example.com`,
        department: 'after-sales',
        role: 'agent',
        onDuty: false,
      },
    });
    const { body: customer } = await api<{ id: string }>('/customers', {
      token: admin,
      body: newCustomer(),
    });
    const due = new Date(await clockNow()).toISOString();
    await api('/revisits', {
      token: admin,
      body: {
        customerId: customer.id,
        dueAt: due,
        channel: 'phone',
        reason: 'digest check',
        assigneeId: owner,
      },
    });
    await api('/_local/clock/advance', { body: { hours: 0.3 } });
    await api('/_local/schedules/revisits-due/run', { method: 'POST' });
    await api('/_local/schedules/revisit-digest/run', { method: 'POST' });
    await api('/_local/schedules/revisit-digest/run', { method: 'POST' });
    const digests = await eventually(async () => {
      const mails = await emailsTo(`${owner}@staff.example.com`);
      return mails.length > 0 ? mails : undefined;
    }, 'the digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]?.subject).toContain('Revisit digest');
    expect(digests[0]?.body.text).toContain(customer.id);
  });

  it("plans a call inside the customer's preferred contact hours", async () => {
    const { body: customer } = await api<{ id: string }>('/customers', {
      token: admin,
      body: newCustomer({ preferredContactHours: { from: '14:00', to: '16:00' } }),
    });
    await service(customer.id, 'repair', new Date(await clockNow()).toISOString());
    const postService = await revisitByPolicy(customer.id, 'post-service');
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(postService.opensAt));
    expect(local >= '14:00' && local < '16:00').toBe(true);
    const bad = await api('/customers', {
      token: admin,
      body: newCustomer({ preferredContactHours: { from: '18:00', to: '09:00' } }),
    });
    expectCleanProblem(bad, 400, 'validation-failed');
  });

  const unknownId = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
  it.each([
    [
      'a service for an unknown customer',
      '/services',
      'admin',
      { customerId: unknownId, kind: 'repair', completedAt: '2026-11-01T00:00:00Z' },
      422,
      'rule-violated',
    ],
    [
      'an unknown service kind',
      '/services',
      'admin',
      { customerId: unknownId, kind: 'teleport', completedAt: '2026-11-01T00:00:00Z' },
      400,
      'validation-failed',
    ],
    [
      'a score without reaching the customer',
      `/revisits/${unknownId}/outcome`,
      'agent',
      { reached: false, score: 4 },
      400,
      'validation-failed',
    ],
    [
      'a score off the 5-point scale',
      `/revisits/${unknownId}/outcome`,
      'agent',
      { reached: true, score: 6 },
      400,
      'validation-failed',
    ],
    [
      'an outcome for an unknown revisit',
      `/revisits/${unknownId}/outcome`,
      'agent',
      { reached: true, score: 4 },
      404,
      'not-found',
    ],
    ['reading an unknown revisit', `/revisits/${unknownId}`, 'agent', undefined, 404, 'not-found'],
  ] as const)('refuses %s', async (_label, path, who, body, status, type) => {
    const token = who === 'admin' ? admin : agent;
    expectCleanProblem(await api(path, { token, ...(body ? { body } : {}) }), status, type);
  });
});
