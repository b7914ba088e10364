import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENT_RANKED_FIGURES } from '../../shared/domain/reports/figures';
import { periodsOf } from '../../shared/domain/reports/periods';
import type { Scope } from '../../wiring/manifest';
import {
  api,
  eventually,
  expectCleanProblem,
  expectForbiddenByAuthorizer,
  newCustomer,
  documents,
  readWrite,
  stack,
  tokenFor,
} from '../support/harness';
import { runTool } from '../support/tool-cli';
import { aggregate, assignedComplaintRecord } from '../support/agent-records';
import { ALL_SCOPES } from '../support/routes';
import { invokeHandlersInThisProcess } from '../support/sqs-records';
import {
  advanceClock,
  answerLinkIn,
  clockNow,
  postForm,
  survey,
  surveyEmailTo,
  surveysOf,
  surveysToken,
  type SurveyView,
} from '../support/surveys';

/**
 * Figures per agent over the local stack, against a history computed by hand: li-na (logistics)
 * and wang-fang (sales), each staff member of this run only (ids carry the run), off duty so
 * that no other file's complaint is given to them.
 *
 *   complaint 1: logistics → li-na answers first → li-na transfers it to sales → wang-fang
 *                resolves and closes it → its survey is credited to wang-fang (answered 5)
 *   complaint 2: logistics → li-na answers, resolves and closes it → its survey is credited to
 *                li-na (answered 3)
 *   each close plans the post-complaint revisit for the owner: wang-fang reaches the customer
 *   (on time), li-na does not, three times (unreachable)
 */
const run = Date.now().toString(36);
const LI_NA = `li-na-${run}`;
const WANG_FANG = `wang-fang-${run}`;
const HOUR = 3_600_000;

interface Complaint {
  id: string;
  status: string;
  department?: string;
  ownerId?: string;
  receivedAt: string;
  firstRespondedAt?: string;
  firstResponderId?: string;
  transfers?: { from: string; to: string; fromOwnerId?: string }[];
  sla?: { firstResponseDue: string };
}
interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}
interface Durations {
  count: number;
  meanHours: number | null;
  medianHours: number | null;
  p90Hours: number | null;
}
interface AgentFigures {
  complaintsHandled: number;
  firstResponse: { clockHours: Durations; businessHours: Durations };
  firstResponseWithinTarget: Rate;
  resolutionRate: Rate;
  transfersAway: number;
  satisfaction: { rate: Rate; meanScore: number | null; surveyed: number };
  revisitsCompletedOnTime: Rate;
  revisitsUnreachable: Rate;
}
interface RankedAgent {
  agentId: string;
  name: string;
  department: string;
  value: number;
}
interface Report {
  period: string;
  filter: Record<string, string>;
  figures: { complaints: { received: number } };
  agent?: { agentId: string; name: string; department: string; figures: AgentFigures };
  agents: {
    departments: string[];
    ranking: { figure: string; top: RankedAgent[]; bottom: RankedAgent[] }[];
  };
}
interface Revisit {
  id: string;
  status: string;
  createdAt: string;
  assigneeId?: string;
}

/** `npm run rebuild-aggregates` against the test stack's DynamoDB Local. */
const rebuildCli = (args: string[]) =>
  runTool('rebuild-aggregates', args, {
    KEFU_DYNAMODB_PORT: new URL(stack.urls.dynamodb).port,
    KEFU_DATA_DIR: stack.dataDir,
  });

const monthOf = (instant: string) =>
  periodsOf(instant).find((period) => period.kind === 'month')!.name;

let admin: string;
const staffScopes: Scope[] = [
  'complaints:read',
  'complaints:write',
  'revisits:read',
  'revisits:write',
];
const staffToken = (id: string, department: string) =>
  tokenFor(staffScopes, { role: 'staff', department, subject: id });
const reportsAs = (role: 'admin' | 'supervisor', department?: string) =>
  tokenFor(['reports:read'], {
    role,
    subject: `af-${role}-${department ?? 'all'}-${run}`,
    ...(department ? { department } : {}),
  });

const readComplaint = async (id: string) =>
  (await api<Complaint>(`/complaints/${id}`, { token: admin })).body;

const ok = async <T>(
  response: Promise<{ status: number; text: string; body: T }>,
  what: string,
) => {
  const answer = await response;
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${answer.text}`);
  return answer.body;
};

/** A complaint placed in logistics (by transfer if another file's rules routed it elsewhere) and given to li-na. */
const liNasComplaint = async (customerId: string): Promise<Complaint> => {
  const filed = await ok(
    api<Complaint>('/complaints', {
      token: admin,
      body: {
        customerId,
        channel: 'web',
        subject: `agent figures ${run}`,
        description: 'The parcel never arrived.',
      },
    }),
    'file',
  );
  const routed = await eventually(async () => {
    const current = await readComplaint(filed.id);
    return current.department ? current : undefined;
  }, 'the complaint to be routed');
  if (routed.department !== 'logistics') {
    await ok(
      api(`/complaints/${filed.id}/transfer`, {
        token: admin,
        body: { department: 'logistics', reason: 'agent-figures test: its department' },
      }),
      'transfer to logistics',
    );
  }
  await ok(
    api(`/complaints/${filed.id}/assign`, { token: admin, body: { ownerId: LI_NA } }),
    'assign to li-na',
  );
  return readComplaint(filed.id);
};

const customer = async () =>
  ok(
    api<{ id: string; email: string }>('/customers', {
      token: await readWrite(),
      body: newCustomer(),
    }),
    'customer',
  );

/** The after-case survey planned for a customer's closed complaint. */
const plannedSurvey = (customerId: string, token: string) =>
  eventually(async () => {
    const [planned] = await surveysOf(customerId, token);
    return planned;
  }, 'the after-case survey');

const revisitOf = (assignee: string) =>
  eventually(async () => {
    for (const status of ['planned', 'due'] as const) {
      const { body } = await api<{ items: Revisit[] }>(
        `/revisits?assignee=${assignee}&status=${status}`,
        { token: admin },
      );
      if (body.items[0]) return body.items[0];
    }
    return undefined;
  }, `the post-complaint revisit of ${assignee}`);

const agentReport = (period: string, agent: string, token = admin) =>
  api<Report>(`/reports/service-quality?period=${period}&agent=${agent}`, { token });

let first: Complaint;
let second: Complaint;
let surveys: { wangFang: SurveyView; liNa: SurveyView };
let revisits: { wangFang: Revisit; liNa: Revisit };
let liNasCustomer: string;

describe('figures per agent', () => {
  beforeAll(async () => {
    invokeHandlersInThisProcess();
    admin = await tokenFor(ALL_SCOPES, { role: 'admin', subject: `af-admin-${run}` });
    const configured = (
      await api<{ items: { id: string }[] }>('/departments', { token: admin })
    ).body.items.map((department) => department.id);
    for (const department of ['logistics', 'sales'].filter((id) => !configured.includes(id)))
      await ok(
        api(`/departments/${department}`, {
          method: 'PUT',
          token: admin,
          body: { name: department },
        }),
        `configure ${department}`,
      );
    for (const [id, name, department] of [
      [LI_NA, '李娜', 'logistics'],
      [WANG_FANG, '王芳', 'sales'],
    ] as const) {
      await ok(
        api(`/staff/${id}`, {
          method: 'PUT',
          token: admin,
          body: {
            name,
            email: `${id}@staff.example.com`,
            department,
            role: 'agent',
            onDuty: false,
          },
        }),
        `staff ${id}`,
      );
    }
    const liNa = await staffToken(LI_NA, 'logistics');
    const wangFang = await staffToken(WANG_FANG, 'sales');
    const [customer1, customer2] = [await customer(), await customer()];
    liNasCustomer = customer2.id;

    // Complaint 1: li-na answers first, then sends it to sales, where wang-fang resolves it.
    first = await liNasComplaint(customer1.id);
    await ok(
      api(`/complaints/${first.id}/responses`, { token: liNa, body: { message: '我们在查。' } }),
      'li-na responds',
    );
    await ok(
      api(`/complaints/${first.id}/transfer`, {
        token: liNa,
        body: { department: 'sales', reason: 'a billing question after all' },
      }),
      'li-na transfers',
    );
    await ok(
      api(`/complaints/${first.id}/assign`, { token: admin, body: { ownerId: WANG_FANG } }),
      'assign to wang-fang',
    );
    await ok(
      api(`/complaints/${first.id}/responses`, { token: wangFang, body: { message: '已退款。' } }),
      'wang-fang responds',
    );
    await ok(
      api(`/complaints/${first.id}/resolve`, {
        token: wangFang,
        body: { plan: 'refund', customerAgreed: true },
      }),
      'wang-fang resolves',
    );
    await ok(api(`/complaints/${first.id}/close`, { token: wangFang, body: {} }), 'close 1');

    // Complaint 2: li-na from first answer to close.
    second = await liNasComplaint(customer2.id);
    await ok(
      api(`/complaints/${second.id}/responses`, { token: liNa, body: { message: '马上处理。' } }),
      'li-na responds to 2',
    );
    await ok(
      api(`/complaints/${second.id}/resolve`, {
        token: liNa,
        body: { plan: 'resend', customerAgreed: true },
      }),
      'li-na resolves',
    );
    await ok(api(`/complaints/${second.id}/close`, { token: liNa, body: {} }), 'close 2');
    first = await readComplaint(first.id);
    second = await readComplaint(second.id);

    // The surveys, planned at the close, go out after the delay; each customer answers.
    const token = await surveysToken();
    const planned = {
      wangFang: await plannedSurvey(customer1.id, token),
      liNa: await plannedSurvey(customer2.id, token),
    };
    const latest = Math.max(...Object.values(planned).map((each) => Date.parse(each.sendAt)));
    const wait = Math.max(0, latest - (await clockNow())) / HOUR;
    await advanceClock(wait + 0.1);
    await api('/_local/schedules/surveys-due/run', { method: 'POST' });
    const [mail1] = await surveyEmailTo(customer1.email);
    const [mail2] = await surveyEmailTo(customer2.email);
    expect((await postForm(answerLinkIn(mail1!), { score: '5' })).status).toBe(200);
    expect((await postForm(answerLinkIn(mail2!), { score: '3' })).status).toBe(200);
    surveys = {
      wangFang: await survey(planned.wangFang.id, token),
      liNa: await survey(planned.liNa.id, token),
    };

    // The post-complaint revisits (after the surveys: the survey a completed revisit plans is
    // then throttled for the customer, so each customer answers one survey).
    revisits = { wangFang: await revisitOf(WANG_FANG), liNa: await revisitOf(LI_NA) };
    await ok(
      api(`/revisits/${revisits.wangFang.id}/outcome`, {
        token: wangFang,
        body: { reached: true, score: 5 },
      }),
      'wang-fang reaches the customer',
    );
    for (let attempt = 0; attempt < 3; attempt++)
      await ok(
        api(`/revisits/${revisits.liNa.id}/outcome`, { token: liNa, body: { reached: false } }),
        `li-na's attempt ${attempt + 1}`,
      );
  }, 180_000);

  it('publishes the answers, the survey naming its agent (the catalogue admits it)', async () => {
    for (const answered of [surveys.liNa, surveys.wangFang]) {
      const event = await eventually(async () => {
        const { body } = await api<{
          items: {
            'detail-type': string;
            detail: { data: { surveyId?: string; about?: { agentId?: string } } };
          }[];
        }>('/_local/events');
        return body.items.find(
          (each) =>
            each['detail-type'] === 'SurveyAnswered' && each.detail.data.surveyId === answered.id,
        );
      }, 'SurveyAnswered on the bus');
      expect(event.detail.data.about?.agentId).toBe(answered.about?.agentId);
    }
  });

  it('records the credits on the records themselves: first responder, transfer owner, survey agent', () => {
    expect(first.firstResponderId).toBe(LI_NA);
    expect(first.transfers?.at(-1)).toMatchObject({
      from: 'logistics',
      to: 'sales',
      fromOwnerId: LI_NA,
    });
    expect(first).toMatchObject({ status: 'closed', department: 'sales', ownerId: WANG_FANG });
    expect(second).toMatchObject({ status: 'closed', ownerId: LI_NA, firstResponderId: LI_NA });
    expect(surveys.wangFang.about).toMatchObject({ id: first.id, agentId: WANG_FANG });
    expect(surveys.liNa.about).toMatchObject({ id: second.id, agentId: LI_NA });
  });

  it('matches the hand-computed figures of both agents', async () => {
    const month = monthOf(first.receivedAt);
    // Both complaints may straddle a month end only if the run does; then this test says so.
    expect(monthOf(second.receivedAt)).toBe(month);
    const clockHours = (complaint: Complaint) =>
      (Date.parse(complaint.firstRespondedAt!) - Date.parse(complaint.receivedAt)) / HOUR;
    const onTime = [first, second].filter(
      (complaint) => complaint.firstRespondedAt! <= complaint.sla!.firstResponseDue,
    ).length;

    const liNa = await eventually(async () => {
      const { body } = await agentReport(month, LI_NA);
      return body.agent?.figures.revisitsUnreachable.numerator === 1 &&
        body.agent.figures.complaintsHandled === 1
        ? body
        : undefined;
    }, "li-na's figures");
    expect(liNa.filter).toEqual({ agent: LI_NA });
    expect(liNa.agent).toMatchObject({ agentId: LI_NA, name: '李娜', department: 'logistics' });
    const a = liNa.agent!.figures;
    expect(a.complaintsHandled).toBe(1);
    expect(a.resolutionRate).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(a.transfersAway).toBe(1);
    expect(a.firstResponse.clockHours.count).toBe(2);
    expect(a.firstResponse.clockHours.meanHours).toBeCloseTo(
      (clockHours(first) + clockHours(second)) / 2,
      9,
    );
    expect(a.firstResponseWithinTarget).toMatchObject({ numerator: onTime, denominator: 2 });
    expect(a.revisitsUnreachable).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(a.revisitsCompletedOnTime).toMatchObject({ value: 0, denominator: 1 });

    const wangFang = (await agentReport(month, WANG_FANG)).body.agent!.figures;
    expect(wangFang.complaintsHandled).toBe(1);
    expect(wangFang.resolutionRate).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(wangFang.transfersAway).toBe(0);
    // Its first response was li-na's: none is wang-fang's.
    expect(wangFang.firstResponse.clockHours).toMatchObject({ count: 0, meanHours: null });
    expect(wangFang.firstResponseWithinTarget.value).toBeNull();
    expect(wangFang.revisitsCompletedOnTime).toMatchObject({
      value: 1,
      numerator: 1,
      denominator: 1,
    });
    expect(wangFang.revisitsUnreachable.value).toBe(0);

    // Surveys count in the month they were sent (the clock moved a day for them).
    const surveyMonth = monthOf(surveys.liNa.sentAt!);
    const satisfaction = async (agent: string) =>
      (await agentReport(surveyMonth, agent)).body.agent!.figures.satisfaction;
    expect(await satisfaction(LI_NA)).toMatchObject({
      surveyed: 1,
      meanScore: 3,
      rate: { value: 0, numerator: 0, denominator: 1 },
    });
    expect(await satisfaction(WANG_FANG)).toMatchObject({
      surveyed: 1,
      meanScore: 5,
      rate: { value: 1, numerator: 1, denominator: 1 },
    });
  });

  it('ranks them as their own figures say, with only staff id, name and department', async () => {
    const month = monthOf(first.receivedAt);
    const { body } = await api<Report>(`/reports/service-quality?period=${month}`, {
      token: admin,
    });
    const own = {
      [LI_NA]: (await agentReport(month, LI_NA)).body.agent!.figures,
      [WANG_FANG]: (await agentReport(month, WANG_FANG)).body.agent!.figures,
    };
    expect(body.agents.ranking.map((each) => each.figure)).toEqual(
      AGENT_RANKED_FIGURES.map((each) => each.figure),
    );
    // Other files' staff share this month, so who is placed may vary; what is shown may not.
    for (const ranking of body.agents.ranking) {
      const figure = AGENT_RANKED_FIGURES.find((each) => each.figure === ranking.figure)!;
      for (const place of [...ranking.top, ...ranking.bottom]) {
        expect(Object.keys(place).sort()).toEqual(['agentId', 'department', 'name', 'value']);
        const figures = own[place.agentId];
        if (figures) expect(place.value).toBe(figure.value(figures as never));
      }
    }
    expect(JSON.stringify(body.agents)).not.toContain('@staff.example.com');

    const csv = await api(`/reports/service-quality?period=${month}&agent=${LI_NA}`, {
      token: admin,
      headers: { accept: 'text/csv' },
    });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('\r\nagent.complaintsHandled,1,1,,,');
    expect(csv.text).toContain('\r\nagent.transfersAway,1,1,,,');

    const page = await api(`/reports/service-quality/view?period=${month}&agent=${WANG_FANG}`, {
      token: admin,
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('员工 Staff member: 王芳');
    expect(page.text).toContain('员工排名 Staff ranking');
  });

  it('shows a supervisor their own department only: another department’s staff member is a 404, like an unknown id', async () => {
    const month = monthOf(first.receivedAt);
    const sales = await reportsAs('supervisor', 'sales');
    const own = await agentReport(month, WANG_FANG, sales);
    expect(own.status).toBe(200);
    expect(own.body.agents.departments).toEqual(['sales']);
    const ranked = own.body.agents.ranking.flatMap((each) => [...each.top, ...each.bottom]);
    expect(ranked.every((each) => each.department === 'sales')).toBe(true);

    const other = await agentReport(month, LI_NA, sales);
    expectCleanProblem(other, 404, 'not-found');
    const unknown = await agentReport(month, `nobody-${run}`, sales);
    expectCleanProblem(unknown, 404, 'not-found');
    // The same answer but for the id: nothing tells a colleague elsewhere from nobody.
    const withoutInstance = (text: string, id: string) => {
      const { instance: _instance, ...problem } = JSON.parse(text.replace(id, 'X')) as Record<
        string,
        unknown
      >;
      return problem;
    };
    expect(withoutInstance(other.text, LI_NA)).toEqual(
      withoutInstance(unknown.text, `nobody-${run}`),
    );
    expectCleanProblem(
      await api(`/reports/service-quality/view?period=${month}&agent=${LI_NA}`, { token: sales }),
      404,
      'not-found',
    );
    // Admins see both; integrator clients no staff member.
    expect((await agentReport(month, LI_NA, await reportsAs('admin'))).status).toBe(200);
    const integrator = await tokenFor(['reports:read']);
    expectCleanProblem(await agentReport(month, LI_NA, integrator), 404, 'not-found');
    expect(
      (await api<Report>(`/reports/service-quality?period=${month}`, { token: integrator })).body
        .agents,
    ).toEqual({ departments: [], ranking: expect.any(Array) });
    // Staff hold no reports:read at all.
    expectForbiddenByAuthorizer(
      await agentReport(month, WANG_FANG, await staffToken(WANG_FANG, 'sales')),
      ['reports:read'],
    );
  });

  it('keeps the counts when the customer is erased (only their words go)', async () => {
    const month = monthOf(second.receivedAt);
    const surveyMonth = monthOf(surveys.liNa.sentAt!);
    const before = [
      (await agentReport(month, LI_NA)).body.agent!.figures,
      (await agentReport(surveyMonth, LI_NA)).body.agent!.figures.satisfaction,
    ];
    const erased = await api(`/customers/${liNasCustomer}?legalBasis=data-subject-request`, {
      method: 'DELETE',
      token: await tokenFor(['customers:erase'], { role: 'admin', subject: `af-dpo-${run}` }),
    });
    expect(erased.status).toBe(200);
    // The erasure's own changes reach the aggregator through the stream: give them time to.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect([
      (await agentReport(month, LI_NA)).body.agent!.figures,
      (await agentReport(surveyMonth, LI_NA)).body.agent!.figures.satisfaction,
    ]).toEqual(before);
  });

  it('refuses a malformed agent id and a second filter precisely', async () => {
    for (const bad of ['li%20na', 'x'.repeat(65), 'li%23na', '%E6%9D%8E%E5%A8%9C']) {
      const response = await api<{ errors?: { pointer?: string }[] }>(
        `/reports/service-quality?period=2031-04&agent=${bad}`,
        { token: admin },
      );
      expectCleanProblem(response, 400, 'validation-failed');
      expect(JSON.stringify(response.body.errors)).toContain('agent');
    }
    expectCleanProblem(
      await api(`/reports/service-quality?period=2031-04&agent=${LI_NA}&department=sales`, {
        token: admin,
      }),
      400,
      'validation-failed',
    );
  });
});

describe('the ranking of a month of its own', () => {
  it('places staff members by their figures, in the JSON and the CSV, each reader their departments', async () => {
    const month = '2031-09';
    const people = [
      [`rank-x-${run}`, '许晴', 'logistics', 3],
      [`rank-y-${run}`, '叶青', 'logistics', 2],
      [`rank-z-${run}`, '周舟', 'sales', 1],
    ] as const;
    for (const [id, name, department] of people)
      await ok(
        api(`/staff/${id}`, {
          method: 'PUT',
          token: admin,
          body: {
            name,
            email: `${id}@staff.example.com`,
            department,
            role: 'agent',
            onDuty: false,
          },
        }),
        `staff ${id}`,
      );
    const records = people.flatMap(([id, , department, handled]) =>
      Array.from({ length: handled }, (_, index) =>
        assignedComplaintRecord(`ranking-${run}-${id}-${index}`, {
          id: `RK${run}${id.slice(5, 6)}${index}`,
          ownerId: id,
          department,
          receivedAt: '2031-09-10T02:00:00.000Z',
        }),
      ),
    );
    expect(await aggregate(records)).toEqual([]);
    const ranking = async (token: string) =>
      (await api<Report>(`/reports/service-quality?period=${month}`, { token })).body.agents;
    const handled = (agents: Report['agents']) =>
      agents.ranking
        .find((each) => each.figure === 'complaintsHandled')!
        .top.filter((each) => each.agentId.endsWith(run))
        .map((each) => [each.name, each.department, each.value]);
    expect(handled(await ranking(admin))).toEqual([
      ['许晴', 'logistics', 3],
      ['叶青', 'logistics', 2],
      ['周舟', 'sales', 1],
    ]);
    expect(handled(await ranking(await reportsAs('supervisor', 'sales')))).toEqual([
      ['周舟', 'sales', 1],
    ]);
    const csv = await api(`/reports/service-quality?period=${month}`, {
      token: admin,
      headers: { accept: 'text/csv' },
    });
    expect(csv.text).toMatch(
      new RegExp(
        `\\r\\nagents\\.complaintsHandled\\.top\\.\\d,3,3,,,,rank-x-${run} 许晴 \\(logistics\\)\\r\\n`,
      ),
    );
  });
});

describe('the agent counters rebuilt from the source records', () => {
  it('agree with npm run rebuild-aggregates, which finds a damaged agent counter', async () => {
    const days = [
      first.receivedAt,
      second.receivedAt,
      surveys.liNa.sentAt!,
      surveys.wangFang.sentAt!,
    ]
      .map((instant) => periodsOf(instant)[0]!.name)
      .sort();
    const window = ['--from', days[0]!, '--until', days.at(-1)!];
    const mine = new RegExp(`AGENT#(${LI_NA}|${WANG_FANG}) `);
    const clean = await rebuildCli(window);
    expect(clean.stdout).toMatch(/periods checked|differences in/);
    expect(clean.stdout).not.toMatch(mine);

    // li-na's one complaint handled counts on the day it was received.
    const day = periodsOf(second.receivedAt)[0]!.name;
    const damage = (n: number) =>
      documents.send(
        new UpdateCommand({
          TableName: stack.tableName,
          Key: { pk: `AGG#${day}`, sk: `AGENT#${LI_NA}` },
          UpdateExpression: 'ADD complaints :n',
          ExpressionAttributeValues: { ':n': n },
        }),
      );
    await damage(5);
    try {
      const damaged = await rebuildCli(window);
      expect(damaged.exitCode).toBe(1);
      expect(damaged.stdout).toContain(`${day} AGENT#${LI_NA} complaints: stored 6, rebuilt 1`);
    } finally {
      await damage(-5);
    }
  }, 120_000);
});

describe('the agent counters under duplicate delivery', () => {
  it('adds a redelivered stream record once', async () => {
    const agent = `dup-${run}`;
    const record = assignedComplaintRecord(`agent-dup-${run}`, {
      id: `DUP${run}`,
      ownerId: agent,
      receivedAt: '2031-07-10T02:00:00.000Z',
    });
    for (let delivery = 0; delivery < 3; delivery++) expect(await aggregate([record])).toEqual([]);
    await ok(
      api(`/staff/${agent}`, {
        method: 'PUT',
        token: admin,
        body: {
          name: 'Dup Agent',
          email: `${agent}@staff.example.com`,
          department: 'logistics',
          role: 'agent',
          onDuty: false,
        },
      }),
      'staff dup',
    );
    const { body } = await agentReport('2031-07', agent);
    expect(body.agent?.figures.complaintsHandled).toBe(1);
  });
});
