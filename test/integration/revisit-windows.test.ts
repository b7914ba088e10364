import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  emailsTo,
  eventually,
  expectCleanProblem,
  newCustomer,
  signIn,
  tokenFor,
} from '../support/harness';
import {
  advanceTo,
  clockNow,
  readRevisit,
  type RevisitView,
  revisitsOf,
  runRevisitDigest,
  runRevisitSweep,
} from '../support/revisits';

const run = Date.now().toString(36);
const DEPARTMENT = 'after-sales';
const HOUR_MS = 3_600_000;
const supervisor = `rw-sup-${run}`;
const technician = `rw-tech-${run}`;
const colleague = `rw-colleague-${run}`;
const mailOf = (id: string) => `${id}@staff.example.com`;
let admin: string;
let technicianToken: string;

const staffToken = async (id: string) => {
  const signed = await signIn(id);
  expect(signed.status).toBe(200);
  return signed.body.access_token;
};

const customer = async () => {
  const contact = newCustomer();
  const created = await api<{ id: string }>('/customers', { token: admin, body: contact });
  expect(created.status).toBe(201);
  return { id: created.body.id, email: String(contact.email) };
};

const recordService = async (
  customerId: string,
  kind: string,
  completedAt: string,
  extra: Record<string, unknown> = {},
) => {
  const recorded = await api<{ id: string }>('/services', {
    token: admin,
    body: { customerId, kind, completedAt, department: DEPARTMENT, ...extra },
  });
  expect(recorded.status).toBe(201);
  return recorded.body.id;
};

const revisitOfPolicy = (customerId: string, policyId: string, atLeast = 1) =>
  eventually(async () => {
    const found = await Promise.all((await revisitsOf(customerId, atLeast)).map(readAsAdmin));
    return found.find((candidate) => candidate.policyId === policyId);
  }, `the ${policyId} revisit`);
const readAsAdmin = (id: string) => readRevisit(id, admin);

const mailsWith = async (address: string, subject: string, about: string) =>
  (await emailsTo(address)).filter(
    (mail) => mail.subject.includes(subject) && (mail.body.text ?? '').includes(about),
  );

/** The next Friday 19:00 in Shanghai on the stack's clock. */
const nextFridayEvening = async () => {
  const local = new Date((await clockNow()) + 8 * HOUR_MS);
  const days = (5 - local.getUTCDay() + 7) % 7 || 7;
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 11);
};

/** 08:31 tomorrow in Shanghai, after the daily digest's 08:30. */
const nextDigestTime = async () => {
  const local = new Date((await clockNow()) + 8 * HOUR_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1, 0, 31);
};

beforeAll(async () => {
  admin = await tokenFor(
    ['admin', 'customers:read', 'customers:write', 'revisits:read', 'revisits:write'],
    { role: 'admin' },
  );
  for (const [id, role] of [
    [supervisor, 'supervisor'],
    [technician, 'agent'],
    [colleague, 'agent'],
  ] as const) {
    const put = await api(`/staff/${id}`, {
      method: 'PUT',
      token: admin,
      body: { name: id, email: mailOf(id), department: DEPARTMENT, role, onDuty: true },
    });
    expect(put.status).toBeLessThan(300);
  }
  const department = await api(`/departments/${DEPARTMENT}`, {
    method: 'PUT',
    token: admin,
    body: { name: '售后', supervisorId: supervisor },
  });
  expect(department.status).toBeLessThan(300);
  technicianToken = await staffToken(technician);
});

// Other files assign this department's complaints to their own staff: leave these off duty.
afterAll(async () => {
  for (const [id, role] of [
    [supervisor, 'supervisor'],
    [technician, 'agent'],
    [colleague, 'agent'],
  ] as const) {
    await api(`/staff/${id}`, {
      method: 'PUT',
      token: admin,
      body: { name: id, email: mailOf(id), department: DEPARTMENT, role, onDuty: false },
    });
  }
});

describe('a revisit window on the standards clock (修后交车72小时内)', () => {
  let onTime: RevisitView;
  let late: RevisitView;

  it('puts a repair handed over on Friday evening in the owner’s due list at once, due 72 h later', async () => {
    await advanceTo(await nextFridayEvening(), 0);
    const handedOver = new Date(await clockNow()).toISOString();
    for (const kept of ['on-time', 'late']) {
      const { id } = await customer();
      await recordService(id, 'repair', handedOver, { staffId: technician, reference: kept });
      const call = await revisitOfPolicy(id, 'post-service');
      if (kept === 'on-time') onTime = call;
      else late = call;
    }
    expect(onTime.opensAt).toBe(handedOver);
    expect(Date.parse(onTime.dueAt) - Date.parse(handedOver)).toBe(72 * HOUR_MS);
    await runRevisitSweep();
    const list = await api<{ items: RevisitView[] }>('/revisits?status=due', {
      token: technicianToken,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => item.id)).toEqual(
      expect.arrayContaining([onTime.id, late.id]),
    );
  });

  it('warns the owner once, before the deadline', async () => {
    await advanceTo(onTime.warnAt);
    await runRevisitSweep();
    await runRevisitSweep();
    const warnings = await eventually(async () => {
      const found = await mailsWith(mailOf(technician), 'deadline near', onTime.id);
      return found.length > 0 ? found : undefined;
    }, 'the warning');
    expect(warnings).toHaveLength(1);
    expect((await readAsAdmin(onTime.id)).warnedAt).toBeDefined();
  });

  it('counts a call completed at 71 h on time, one at 73 h late and escalated once', async () => {
    await advanceTo(Date.parse(onTime.dueAt) - HOUR_MS, 0);
    const first = await api<RevisitView>(`/revisits/${onTime.id}/outcome`, {
      token: technicianToken,
      body: { reached: true, score: 5 },
    });
    expect(first.status).toBe(200);
    expect(first.body.outcome!.completedAt <= first.body.dueAt).toBe(true);
    await advanceTo(Date.parse(late.dueAt) + HOUR_MS, 0);
    await runRevisitSweep();
    await runRevisitSweep();
    const escalations = await eventually(async () => {
      const found = await mailsWith(mailOf(supervisor), 'overdue', late.id);
      return found.length > 0 ? found : undefined;
    }, 'the escalation');
    expect(escalations).toHaveLength(1);
    expect(await mailsWith(mailOf(supervisor), 'overdue', onTime.id)).toHaveLength(0);
    const second = await api<RevisitView>(`/revisits/${late.id}/outcome`, {
      token: await staffToken(technician),
      body: { reached: true, score: 4 },
    });
    expect(second.body.outcome!.completedAt > second.body.dueAt).toBe(true);
    expect(second.body.escalatedAt).toBeDefined();
  });
});

describe('recurring reminders', () => {
  it('sends each reminder of a cycle and stops when a newer service is recorded', async () => {
    const initial = await api<{ policies: unknown[] }>('/revisit-policies', { token: admin });
    // Days rather than the default's months, so the shared clock moves little; the months are
    // counted in test/unit/services/revisit-windows.test.ts.
    const policy = {
      id: `every-3-days-${run}`,
      description: 'A reminder every 3 days after an installation',
      trigger: { type: 'service', kinds: ['installation'] },
      opensAfter: { amount: 3, unit: 'days' },
      dueWithin: { amount: 3, unit: 'days' },
      every: { amount: 3, unit: 'days' },
      channel: 'email',
      owner: 'service-staff',
      maxAttempts: 1,
      retrySpacingHours: 24,
      surveyAfter: false,
    };
    const put = await api('/revisit-policies', {
      method: 'PUT',
      token: admin,
      body: { policies: [policy] },
    });
    expect(put.status).toBe(200);
    try {
      const { id, email } = await customer();
      const started = await clockNow();
      await recordService(id, 'installation', new Date(started).toISOString());
      const reminders = async () =>
        (await emailsTo(email)).filter((mail) => mail.subject.includes('回访'));
      for (let sent = 1; sent <= 3; sent++) {
        const next = await eventually(async () => {
          const all = await Promise.all((await revisitsOf(id, sent)).map(readAsAdmin));
          return all.find((revisit) => revisit.recurrence?.occurrence === sent);
        }, `reminder ${sent}`);
        expect(Date.parse(next.opensAt) - started).toBe(sent * 3 * 24 * HOUR_MS);
        await advanceTo(next.opensAt);
        await runRevisitSweep();
        await eventually(
          async () => ((await reminders()).length === sent ? true : undefined),
          `reminder email ${sent}`,
        );
      }
      const fourth = await eventually(async () => {
        const all = await Promise.all((await revisitsOf(id, 4)).map(readAsAdmin));
        return all.find((revisit) => revisit.recurrence?.occurrence === 4);
      }, 'the fourth reminder, planned');
      await advanceTo((await clockNow()) + 24 * HOUR_MS, 0);
      const newer = await recordService(
        id,
        'installation',
        new Date(await clockNow()).toISOString(),
      );
      const cancelled = await eventually(async () => {
        const read = await readAsAdmin(fourth.id);
        return read.status === 'cancelled' ? read : undefined;
      }, 'the old cycle to stop');
      expect(cancelled.cancellation?.reason).toContain(newer);
      await advanceTo(fourth.opensAt);
      await runRevisitSweep();
      expect(await reminders()).toHaveLength(3);
    } finally {
      await api('/revisit-policies', {
        method: 'PUT',
        token: admin,
        body: { policies: initial.body.policies },
      });
    }
  });
});

describe('nobody left out: the unassigned list', () => {
  it("puts an unassigned welcome revisit in the supervisor's digest; a member claims it", async () => {
    const { id } = await customer();
    await recordService(id, 'consultation', new Date(await clockNow()).toISOString());
    const welcome = await revisitOfPolicy(id, 'welcome');
    expect(welcome.assigneeId).toBeUndefined();
    await runRevisitSweep();
    const unassigned = `/revisits?department=${DEPARTMENT}&unassigned=true&limit=100`;
    const listed = await api<{ items: RevisitView[] }>(unassigned, { token: technicianToken });
    expect(listed.body.items.map((item) => item.id)).toContain(welcome.id);
    // One digest a person a day: the next one, at 08:30 tomorrow (the schedule fires as the
    // clock passes it; firing it again sends nothing twice).
    await advanceTo(await nextDigestTime(), 0);
    await runRevisitDigest();
    const digest = await eventually(async () => {
      const mails = (await emailsTo(mailOf(supervisor))).filter((mail) =>
        (mail.body.text ?? '').includes(welcome.id),
      );
      return mails[0];
    }, "the supervisor's digest");
    expect(digest.subject).toContain('Revisit digest');

    const claimed = await api<RevisitView>(`/revisits/${welcome.id}/assign`, {
      token: technicianToken,
      body: {},
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.assigneeId).toBe(technician);
    const again = await api<RevisitView>(`/revisits/${welcome.id}/assign`, {
      token: await staffToken(colleague),
      body: {},
    });
    expectCleanProblem(again, 422, 'rule-violated');
    expect((await readAsAdmin(welcome.id)).assigneeId).toBe(technician);
    const after = await api<{ items: RevisitView[] }>(unassigned, { token: technicianToken });
    expect(after.body.items.map((item) => item.id)).not.toContain(welcome.id);
  });

  it('refuses a bad assignment precisely and changes nothing', async () => {
    const { id } = await customer();
    await recordService(id, 'consultation', new Date(await clockNow()).toISOString());
    const welcome = await revisitOfPolicy(id, 'welcome');
    const supervisorToken = await staffToken(supervisor);
    const cases = [
      [`/revisits/${welcome.id}/assign`, { assigneeId: 'nobody-here' }, 422],
      [`/revisits/${welcome.id}/assign`, { assigneeId: '' }, 400],
      [`/revisits/${welcome.id}/assign`, { assigneeId: technician, version: 9 }, 400],
      ['/revisits/not-an-id/assign', {}, 400],
      ['/revisits/01KZ0000000000000000000F01/assign', {}, 404],
    ] as const;
    for (const [path, body, status] of cases) {
      const response = await api(path, { token: supervisorToken, body });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await readAsAdmin(welcome.id)).assigneeId).toBeUndefined();
    const given = await api<RevisitView>(`/revisits/${welcome.id}/assign`, {
      token: supervisorToken,
      body: { assigneeId: colleague },
    });
    expect(given.body.assigneeId).toBe(colleague);
  });
});
