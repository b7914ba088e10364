import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../infra/local/lambda-runtime';
import { BusinessCalendar, DEFAULT_CALENDAR } from '../../shared/domain/calendar/business-calendar';
import { firstWorkingDayFrom } from '../../shared/domain/calendar/working-days';
import {
  api,
  documents,
  emailsTo,
  eventually,
  expectCleanProblem,
  newCustomer,
  readWrite,
  stack,
  tokenFor,
  expectForbiddenByAuthorizer,
} from '../support/harness';
import { invokeHandlersInThisProcess } from '../support/sqs-records';
import { runTool } from '../support/tool-cli';

const AGGREGATOR = 'functions/reports/aggregate-service-quality.ts';
const startedAt = Date.now();

/** `npm run rebuild-aggregates` against the test stack's DynamoDB Local. */
const rebuildCli = (args: string[]) =>
  runTool('rebuild-aggregates', args, {
    KEFU_DYNAMODB_PORT: new URL(stack.urls.dynamodb).port,
    KEFU_DATA_DIR: stack.dataDir,
  });
let sequence = 0;

/** A stream record as DynamoDB Streams delivers it (keys and images marshalled). */
const streamRecord = (
  entityType: string,
  next: Record<string, unknown>,
  previous?: Record<string, unknown>,
): DynamoDBRecord => {
  sequence += 1;
  const item = (image: Record<string, unknown>) =>
    marshall(
      { pk: `${entityType}#${String(image.id)}`, sk: entityType, entityType, ...image },
      {
        removeUndefinedValues: true,
      },
    ) as never;
  return {
    eventID: `quality-${Date.now()}-${sequence}`,
    eventName: previous ? 'MODIFY' : 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: {},
      NewImage: item(next),
      ...(previous ? { OldImage: item(previous) } : {}),
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
};

const aggregate = (...records: DynamoDBRecord[]) =>
  invoke(AGGREGATOR, { Records: records } satisfies DynamoDBStreamEvent) as Promise<{
    batchItemFailures: unknown[];
  }>;

type Figures = {
  satisfaction: {
    rate: { value: number | null; numerator: number; denominator: number };
    meanScore: number | null;
    responseRate: { value: number | null };
  };
  complaints: { received: number; resolutionRate: { value: number | null } };
  firstResponse: {
    clockHours: { count: number; meanHours: number | null; medianHours: number | null };
  };
  sla: { firstResponseWithinTarget: { value: number | null }; breaches: number };
  services: { delivered: number; errorRate: { value: number | null } };
  revisits: {
    planned: number;
    completedOnTime: { value: number | null };
    unreachable: { value: number | null };
  };
};
type Report = {
  hotTopics: {
    terms: { topic: string; count: number; previous: number }[];
    categories: { topic: string; count: number; previous: number }[];
  };
  period: string;
  previousPeriod: string;
  figures: Figures;
  previous: Figures;
  byDepartment: Record<string, Figures>;
  complaintsByCategory: Record<string, number>;
};

let token: string;
const report = async (query: string) => api<Report>(`/reports/service-quality?${query}`, { token });

const complaintAt = (
  id: string,
  receivedAt: string,
  department: string,
  change: Record<string, unknown> = {},
) => ({
  id,
  number: `KF-20310401-${id.padEnd(6, 'X').slice(0, 6)}`,
  customerId: 'K',
  channel: 'phone',
  subject: 's',
  description: 'd',
  category: department === 'logistics' ? 'delivery' : 'billing',
  severity: 'normal',
  attachments: [],
  status: 'assigned',
  department,
  escalationLevel: 0,
  receivedAt,
  updatedAt: receivedAt,
  version: 2,
  sla: {
    policyId: 'p',
    firstResponse: { hours: 24, businessHours: false },
    resolution: { hours: 48, businessHours: false },
    firstResponseDue: new Date(Date.parse(receivedAt) + 24 * 3_600_000).toISOString(),
    resolutionDue: new Date(Date.parse(receivedAt) + 48 * 3_600_000).toISOString(),
    warnings: [],
    pausedBusinessMs: 0,
    pausedCalendarMs: 0,
    pauses: [],
    raised: [],
  },
  ...change,
});

const after = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

describe('service-quality figures from the stream', () => {
  beforeAll(async () => {
    invokeHandlersInThisProcess();
    token = await tokenFor(['reports:read']);
    // A known history in 2031 (nothing else writes there): Q1 a little, Q2 three departments.
    const q1 = '2031-02-10T02:00:00.000Z';
    const q2 = '2031-04-10T02:00:00.000Z';
    const records: DynamoDBRecord[] = [];
    // Q1: one complaint received and resolved; one survey sent, answered 5.
    const old = complaintAt('Q1A', q1, 'logistics', { description: '快递太慢' });
    records.push(
      streamRecord('Complaint', old, { ...old, department: undefined, status: 'received' }),
    );
    records.push(
      streamRecord(
        'Complaint',
        {
          ...old,
          status: 'resolved',
          firstRespondedAt: after(q1, 1),
          resolution: {
            plan: 'p',
            customerAgreed: true,
            resolvedAt: after(q1, 2),
            resolvedBy: 's',
          },
        },
        old,
      ),
    );
    const oldSurvey = {
      id: 'S-Q1',
      customerId: 'K',
      kind: 'quarterly',
      status: 'sent',
      sentAt: q1,
      sendAt: q1,
      createdAt: q1,
      updatedAt: q1,
      version: 2,
    };
    records.push(streamRecord('Survey', oldSurvey));
    records.push(
      streamRecord('Survey', { ...oldSurvey, status: 'answered', answer: { score: 5 } }, oldSurvey),
    );
    // Q2: logistics 2 complaints (first responses after 2 h and 30 h; one resolved then reopened),
    // finance 1 complaint (responded after 4 h, resolved), after-sales none.
    const a = complaintAt('L1', q2, 'logistics', { description: '包裹丢失，一直没收到' });
    const b = complaintAt('L2', after(q2, 1), 'logistics', { description: '包裹破损，快递太慢' });
    const c = complaintAt('F1', after(q2, 2), 'finance', { description: 'invoice amount wrong' });
    for (const complaint of [a, b, c]) {
      records.push(
        streamRecord('Complaint', complaint, {
          ...complaint,
          department: undefined,
          status: 'received',
        }),
      );
    }
    const aResponded = { ...a, status: 'in_progress', firstRespondedAt: after(q2, 2) };
    const bResponded = {
      ...b,
      status: 'in_progress',
      firstRespondedAt: after(b.receivedAt, 30),
      breachedAt: after(b.receivedAt, 24),
      sla: { ...b.sla, raised: ['firstResponse:warning', 'firstResponse:breach'] },
    };
    const cResponded = { ...c, status: 'in_progress', firstRespondedAt: after(c.receivedAt, 4) };
    records.push(streamRecord('Complaint', aResponded, a));
    records.push(streamRecord('Complaint', bResponded, b));
    records.push(streamRecord('Complaint', cResponded, c));
    const resolution = (at: string) => ({
      plan: 'p',
      customerAgreed: true,
      resolvedAt: at,
      resolvedBy: 's',
    });
    const aResolved = { ...aResponded, status: 'resolved', resolution: resolution(after(q2, 5)) };
    records.push(streamRecord('Complaint', aResolved, aResponded));
    records.push(streamRecord('Complaint', { ...aResolved, status: 'in_progress' }, aResolved));
    records.push(
      streamRecord(
        'Complaint',
        { ...cResponded, status: 'closed', resolution: resolution(after(c.receivedAt, 6)) },
        cResponded,
      ),
    );
    // Q2 surveys: 4 sent (2 about logistics cases), answers 5, 4 → changed to 2, 1; one unanswered.
    const survey = (id: string, department?: string) => ({
      id,
      customerId: 'K',
      kind: department ? 'after-complaint' : 'quarterly',
      ...(department ? { about: { type: 'complaint', id: 'L1', department } } : {}),
      status: 'sent',
      sentAt: q2,
      sendAt: q2,
      createdAt: q2,
      updatedAt: q2,
      version: 2,
    });
    const surveys = [
      survey('S1', 'logistics'),
      survey('S2', 'logistics'),
      survey('S3'),
      survey('S4'),
    ];
    for (const sent of surveys) records.push(streamRecord('Survey', sent));
    const answered = (sent: Record<string, unknown>, score: number) => ({
      ...sent,
      status: 'answered',
      answer: { score },
    });
    records.push(streamRecord('Survey', answered(surveys[0]!, 5), surveys[0]));
    records.push(streamRecord('Survey', answered(surveys[1]!, 4), surveys[1]));
    records.push(streamRecord('Survey', answered(surveys[1]!, 2), answered(surveys[1]!, 4)));
    records.push(streamRecord('Survey', answered(surveys[2]!, 1), surveys[2]));
    // Q2 services: 3 in after-sales, one with an error. Revisits: 2 planned, one late, one unreachable.
    for (const [id, error] of [
      ['V1', false],
      ['V2', true],
      ['V3', false],
    ] as const) {
      records.push(
        streamRecord('ServiceRecord', {
          id,
          customerId: 'K',
          kind: 'repair',
          completedAt: q2,
          department: 'after-sales',
          errorOccurred: error,
          recordedAt: q2,
          recordedBy: 's',
        }),
      );
    }
    const revisit = (id: string) => ({
      id,
      customerId: 'K',
      policyId: 'p',
      status: 'planned',
      department: 'after-sales',
      dueAt: after(q2, 72),
      createdAt: q2,
      updatedAt: q2,
      version: 1,
    });
    records.push(streamRecord('Revisit', revisit('R1')), streamRecord('Revisit', revisit('R2')));
    records.push(
      streamRecord(
        'Revisit',
        { ...revisit('R1'), status: 'completed', outcome: { completedAt: after(q2, 80) } },
        revisit('R1'),
      ),
    );
    records.push(
      streamRecord('Revisit', { ...revisit('R2'), status: 'unreachable' }, revisit('R2')),
    );
    const first = await aggregate(...records);
    expect(first.batchItemFailures).toEqual([]);
    // The whole batch again (a replayed stream): nothing changes.
    expect((await aggregate(...records)).batchItemFailures).toEqual([]);
  });

  it('computes every figure of the quarter as the standards define it, with the previous quarter alongside', async () => {
    const { status, body } = await report('period=2031-Q2');
    expect(status).toBe(200);
    expect(body.previousPeriod).toBe('2031-Q1');
    const figures = body.figures;
    // Satisfaction: (非常满意 + 满意) / surveyed = (one 5) / 4; answers 5, 2, 1 → mean 8 / 3.
    expect(figures.satisfaction.rate).toMatchObject({ value: 0.25, numerator: 1, denominator: 4 });
    expect(figures.satisfaction.responseRate.value).toBe(0.75);
    expect(figures.satisfaction.meanScore).toBe(8 / 3);
    // Complaints: 3 received, 1 still resolved (the other was reopened).
    expect(figures.complaints.received).toBe(3);
    expect(figures.complaints.resolutionRate.value).toBe(1 / 3);
    // First response 2 h, 30 h, 4 h: mean 12 h, median 4 h (within the sketch's 1 %).
    expect(figures.firstResponse.clockHours.count).toBe(3);
    expect(figures.firstResponse.clockHours.meanHours).toBe(12);
    expect(Math.abs(figures.firstResponse.clockHours.medianHours! - 4)).toBeLessThanOrEqual(0.04);
    expect(figures.sla.firstResponseWithinTarget.value).toBe(2 / 3);
    expect(figures.sla.breaches).toBe(1);
    expect(figures.services).toMatchObject({ delivered: 3, errorRate: { value: 1 / 3 } });
    expect(figures.revisits.planned).toBe(2);
    expect(figures.revisits.completedOnTime.value).toBe(0);
    expect(figures.revisits.unreachable.value).toBe(0.5);
    expect(body.complaintsByCategory).toEqual({ delivery: 2, billing: 1 });
    // Hot topics: 包裹 in both logistics complaints (none in Q1), 快递 and 太慢 once each now.
    expect(body.hotTopics.terms[0]).toEqual({ topic: '包裹', count: 2, previous: 0 });
    expect(body.hotTopics.terms).toContainEqual({ topic: '太慢', count: 1, previous: 1 });
    expect(body.hotTopics.categories[0]).toEqual({ topic: 'delivery', count: 2, previous: 1 });
    // Q1 alongside: one surveyed, one very satisfied.
    expect(body.previous.satisfaction.rate.value).toBe(1);
    expect(body.previous.complaints.resolutionRate.value).toBe(1);
  });

  it('breaks the figures down by department and reports no data as null', async () => {
    const { body } = await report('period=2031-Q2&department=logistics');
    expect(body.figures.complaints.received).toBe(2);
    expect(body.figures.satisfaction.rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(body.byDepartment.finance?.complaints.resolutionRate.value).toBe(1);
    const quiet = await report('period=2031-Q3');
    expect(quiet.body.figures.satisfaction.rate.value).toBeNull();
    expect(quiet.body.figures.complaints.resolutionRate.value).toBeNull();
    expect(quiet.text).not.toContain('NaN');
    const month = await report('period=2031-04');
    expect(month.body.figures.complaints.received).toBe(3);
  });

  it('counts what happens through the API in the current period', async () => {
    const writer = await readWrite();
    const customer = await api<{ id: string }>('/customers', {
      token: writer,
      body: newCustomer(),
    });
    const { body: clock } = await api<{ now: string }>('/_local/clock');
    const day = new Date(Date.parse(clock.now) + 8 * 3_600_000).toISOString().slice(0, 10);
    const before = (await report(`period=${day}&department=finance`)).body.figures.services;
    await api('/services', {
      token: writer,
      body: {
        customerId: customer.body.id,
        kind: 'delivery',
        completedAt: clock.now,
        department: 'finance',
        errorOccurred: true,
      },
    });
    const counted = await eventually(async () => {
      const now = (await report(`period=${day}&department=finance`)).body.figures.services;
      return now.delivered > before.delivered ? now : undefined;
    }, 'the service to be counted');
    expect(counted.delivered).toBe(before.delivered + 1);
    expect(counted.errorRate.value).not.toBeNull();
  });

  it('gives the same figures as CSV, with the previous period beside each', async () => {
    const response = await api('/reports/service-quality?period=2031-Q2&department=logistics', {
      token,
      headers: { accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      'service-quality-2031-Q2-logistics.csv',
    );
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('figure,value,shown,numerator,denominator,previous,formula');
    expect(lines).toContain(
      'satisfaction.rate,0.5,50.0 %,1,2,,(非常满意 + 满意) / customers surveyed',
    );
    expect(lines).toContain(
      'complaints.resolutionRate,0,0.0 %,0,2,1,resolved complaints / all complaints received in the period',
    );
  });

  it('keeps a rate exact and rounds it once where it is shown: 7 / 13 is 53.8 %, not 53.9 %', async () => {
    await documents.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: { pk: 'AGG#2033-05', sk: 'ALL' },
        UpdateExpression: 'SET entityType = :type, period = :period ADD surveyed :s, score5 :f',
        ExpressionAttributeValues: {
          ':type': 'Aggregate',
          ':period': '2033-05',
          ':s': 13,
          ':f': 7,
        },
      }),
    );
    const { body } = await report('period=2033-05');
    expect(body.figures.satisfaction.rate).toMatchObject({
      value: 7 / 13,
      numerator: 7,
      denominator: 13,
    });
    const csv = await api('/reports/service-quality?period=2033-05', {
      token,
      headers: { accept: 'text/csv' },
    });
    expect(csv.text.split('\r\n')).toContain(
      `satisfaction.rate,${7 / 13},53.8 %,7,13,,(非常满意 + 满意) / customers surveyed`,
    );
    const page = await api('/reports/service-quality/view?period=2033-05', { token });
    const row =
      /<tr><td>满意率 Satisfaction rate<small>[^<]*<\/small><\/td><td class="n">([^<]*)</.exec(
        page.text,
      );
    expect(row?.[1]).toBe('53.8 %');
    expect(page.text).toContain('rounded once');
  });

  it('agrees with a rebuild from the source records (npm run rebuild-aggregates)', async () => {
    // Every record the API wrote since the stack started; the synthetic 2031 history above has
    // no source records, so the window ends before it.
    const from = new Date(startedAt + 8 * 3_600_000 - 24 * 3_600_000).toISOString().slice(0, 10);
    const outcome = await eventually(
      async () => {
        const run = await rebuildCli(['--from', from, '--until', '2030-12-31']);
        return run.exitCode === 0 ? run : undefined;
      },
      'streamed and rebuilt counters to agree',
      45_000,
    ).catch(async () => rebuildCli(['--from', from, '--until', '2030-12-31']));
    expect(outcome.stdout).toContain('the stored counters agree with the source records');
    expect(outcome.exitCode).toBe(0);

    // Damage one counter: the check finds it, --write repairs it, the check agrees again.
    const { body: clock } = await api<{ now: string }>('/_local/clock');
    const day = new Date(Date.parse(clock.now) + 8 * 3_600_000).toISOString().slice(0, 10);
    await documents.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: { pk: `AGG#${day}`, sk: 'ALL' },
        UpdateExpression: 'ADD services :n',
        ExpressionAttributeValues: { ':n': 7 },
      }),
    );
    const damaged = await rebuildCli(['--from', from, '--until', '2030-12-31']);
    expect(damaged.exitCode).toBe(1);
    expect(damaged.stdout).toMatch(new RegExp(`${day} ALL services: stored \\d+, rebuilt \\d+`));
    expect((await rebuildCli(['--from', from, '--until', '2030-12-31', '--write'])).exitCode).toBe(
      0,
    );
    expect((await rebuildCli(['--from', from, '--until', '2030-12-31'])).exitCode).toBe(0);
  }, 120_000);

  it('refuses bad rebuild arguments with exit code 2 and one line', async () => {
    for (const args of [
      [],
      ['--from', 'yesterday'],
      ['--from', '2031-02-01', '--until', '2031-01-01'],
      ['--aws', '--from', '2031-01-01'],
    ]) {
      const outcome = await rebuildCli(args);
      expect(outcome.exitCode, args.join(' ')).toBe(2);
    }
  });

  it('refuses bad report requests', async () => {
    expectCleanProblem(await report('period=2031-Q5'), 400, 'validation-failed');
    expectCleanProblem(
      await report('period=2031-Q2&department=logistics&channel=phone'),
      400,
      'validation-failed',
    );
    expectCleanProblem(await report('period='), 400, 'validation-failed');
    expectForbiddenByAuthorizer(
      await api('/reports/service-quality?period=2031-Q2', {
        token: await tokenFor(['customers:read']),
      }),
      ['reports:read'],
    );
  });
});

describe('a report without a period', () => {
  it('is the current month on the local clock (Asia/Shanghai), as JSON and as the page', async () => {
    token ??= await tokenFor(['reports:read']);
    const now = Date.parse((await api<{ now: string }>('/_local/clock')).body.now);
    const month = (at: number) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
      })
        .format(at)
        .slice(0, 7);
    const response = await report('');
    expect(response.status).toBe(200);
    // Another file may move the clock meanwhile: the month of either reading.
    const after = Date.parse((await api<{ now: string }>('/_local/clock')).body.now);
    expect([month(now), month(after)]).toContain(response.body.period);
    const page = await api('/reports/service-quality/view', { token });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Service-quality report ${response.body.period}`);
  });
});

describe('an impossible period', () => {
  const answers = [
    ['the JSON', (period: string) => report(`period=${period}`)],
    [
      'the CSV',
      (period: string) =>
        api(`/reports/service-quality?period=${period}`, {
          token,
          headers: { accept: 'text/csv' },
        }),
    ],
    [
      'the page',
      (period: string) => api(`/reports/service-quality/view?period=${period}`, { token }),
    ],
  ] as const;

  beforeAll(async () => {
    token ??= await tokenFor(['reports:read']);
  });

  it('is malformed input, answered 400 naming the parameter, on every report route', async () => {
    for (const [route, ask] of answers) {
      for (const period of ['2026-13', '2026-00', '2031-02-30', '2031-Q5']) {
        const response = await ask(period);
        expectCleanProblem(response, 400, 'validation-failed');
        expect(
          (response.body as { errors?: { parameter?: string }[] }).errors?.map(
            (error) => error.parameter,
          ),
          `${route} ${period}`,
        ).toEqual(['period']);
      }
      expect((await ask('2028-02-29')).status, `${route} a leap day`).toBe(200);
    }
  });
});

describe('transfers in the figures', () => {
  type TransferFigures = {
    complaints: {
      received: number;
      transfers: number;
      routingAccuracy: { value: number | null; numerator: number; denominator: number };
    };
  };
  const transfers = (query: string) =>
    api<{ figures: TransferFigures; byDepartment: Record<string, TransferFigures> }>(
      `/reports/service-quality?${query}`,
      { token },
    );

  beforeAll(async () => {
    invokeHandlersInThisProcess();
    token ??= await tokenFor(['reports:read']);
    // 2031-Q4 (nothing else writes there): T1 routed to logistics, transferred to finance, then
    // to after-sales; T2 routed to logistics and kept there.
    const at = '2031-11-10T02:00:00.000Z';
    const t1 = complaintAt('T1', at, 'logistics');
    const t2 = complaintAt('T2', after(at, 1), 'logistics');
    const move = (from: Record<string, unknown>, to: string, hours: number) => ({
      ...from,
      status: 'routed',
      ownerId: undefined,
      department: to,
      transfers: [
        ...((from.transfers as unknown[] | undefined) ?? []),
        { from: from.department, to, at: after(at, hours), by: 's' },
      ],
    });
    const toFinance = move(t1, 'finance', 2);
    const toAfterSales = move({ ...toFinance, status: 'assigned' }, 'after-sales', 3);
    const records = [
      streamRecord('Complaint', t1, { ...t1, department: undefined, status: 'received' }),
      streamRecord('Complaint', t2, { ...t2, department: undefined, status: 'received' }),
      streamRecord('Complaint', toFinance, t1),
      streamRecord('Complaint', { ...toFinance, status: 'assigned' }, toFinance),
      streamRecord('Complaint', toAfterSales, { ...toFinance, status: 'assigned' }),
    ];
    expect((await aggregate(...records)).batchItemFailures).toEqual([]);
    // Replayed stream records add nothing.
    expect((await aggregate(...records)).batchItemFailures).toEqual([]);
  });

  it('counts transfers where the complaint left, and routing accuracy where it was routed first', async () => {
    const { status, body } = await transfers('period=2031-Q4');
    expect(status).toBe(200);
    expect(body.figures.complaints).toMatchObject({
      received: 2,
      transfers: 2,
      routingAccuracy: { value: 0.5, numerator: 1, denominator: 2 },
    });
    expect(body.byDepartment.logistics?.complaints).toMatchObject({
      received: 1,
      transfers: 1,
      routingAccuracy: { value: 0.5, numerator: 1, denominator: 2 },
    });
    expect(body.byDepartment.finance?.complaints).toMatchObject({ received: 0, transfers: 1 });
    expect(body.byDepartment['after-sales']?.complaints).toMatchObject({
      received: 1,
      transfers: 0,
      routingAccuracy: { value: null, denominator: 0 },
    });
    const filtered = await transfers('period=2031-11&department=finance');
    expect(filtered.body.figures.complaints.transfers).toBe(1);
  });

  it('shows them in the CSV and on the page with their formula', async () => {
    const csv = await api('/reports/service-quality?period=2031-Q4', {
      token,
      headers: { accept: 'text/csv' },
    });
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toContain('complaints.transfers,2,2,,,0,');
    expect(lines).toContain(
      'complaints.routingAccuracy,0.5,50.0 %,1,2,,complaints never transferred / complaints routed',
    );
    const page = await api('/reports/service-quality/view?period=2031-Q4', { token });
    expect(page.text).toContain('首次分派准确率 First-contact routing accuracy');
    expect(page.text).toContain('complaints never transferred / complaints routed = 1 / 2');
    expect(page.text).toContain('转交次数 Transfers to another department');
  });
});

describe('the report page and the management report email', () => {
  it('shows the figures on a page with server-drawn charts and no script', async () => {
    const response = await api('/reports/service-quality/view?period=2031-Q2', { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.text).toContain('2031-Q2');
    expect(response.text).toContain('25.0 %');
    expect(response.text).toContain('<svg');
    expect(response.text).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expectCleanProblem(
      await api('/reports/service-quality/view?period=soon', { token }),
      400,
      'validation-failed',
    );
  });

  it('emails last month to the recipients on the first working day of a month, once', async () => {
    const admin = await tokenFor(['admin']);
    const recipient = `board.${Date.now()}@example.com`;
    const current = await api<{ settings: Record<string, unknown> }>('/report-settings', {
      token: admin,
    });
    const set = await api('/report-settings', {
      method: 'PUT',
      token: admin,
      body: { ...current.body.settings, recipients: [recipient] },
    });
    expect(set.status).toBe(200);
    try {
      // Move the clock to 09:01 on the next month's first working day (default calendar).
      const calendarSettings = (
        await api<{ settings?: unknown } & Record<string, unknown>>('/calendars/default', {
          token: admin,
        })
      ).body;
      const calendar = new BusinessCalendar(
        (calendarSettings.settings ?? DEFAULT_CALENDAR) as typeof DEFAULT_CALENDAR,
      );
      const { body: clock } = await api<{ now: string }>('/_local/clock');
      const local = new Date(Date.parse(clock.now) + 8 * 3_600_000);
      const nextMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1));
      const day = firstWorkingDayFrom(nextMonth.toISOString().slice(0, 10), calendar);
      const target = Date.parse(`${day}T09:01:00+08:00`);
      await api('/_local/clock/advance', {
        method: 'POST',
        body: { hours: (target - Date.parse(clock.now)) / 3_600_000 },
      });
      const reportMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1))
        .toISOString()
        .slice(0, 7);
      await api('/_local/schedules/management-report/run', { method: 'POST' });
      const emails = await eventually(async () => {
        const sent = await emailsTo(recipient);
        return sent.length > 0 ? sent : undefined;
      }, 'the management report');
      expect(emails.some((email) => email.subject.includes(reportMonth))).toBe(true);
      const monthly = emails.find((email) => email.subject.includes(reportMonth))!;
      expect(monthly.body.html).not.toContain('<svg');
      expect(monthly.body.text).toMatch(/满意率|Satisfaction/);
      expect(monthly.body.text).toContain('首次分派准确率 First-contact routing accuracy');
      expect(monthly.body.html).toContain('转交次数 Transfers to another department');
      const count = emails.length;
      await api('/_local/schedules/management-report/run', { method: 'POST' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await emailsTo(recipient)).toHaveLength(count);
    } finally {
      await api('/report-settings', { method: 'PUT', token: admin, body: current.body.settings });
    }
  });
});
