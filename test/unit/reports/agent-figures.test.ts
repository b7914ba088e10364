import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../shared/domain/complaints/complaint';
import { transferComplaint } from '../../../shared/domain/complaints/transfer';
import { assignOwner } from '../../../shared/domain/complaints/transitions';
import {
  complaintContribution,
  type Contribution,
  revisitContribution,
  surveyContribution,
} from '../../../shared/domain/reports/contributions';
import {
  agentFigures,
  type Counters,
  rankAgents,
  RANKING_ENDS,
} from '../../../shared/domain/reports/figures';
import type { Period } from '../../../shared/domain/reports/periods';
import { sliceAdditions } from '../../../shared/domain/reports/slices';
import type { StaffMember } from '../../../shared/domain/organization/staff';
import type { Revisit } from '../../../shared/domain/revisits/revisit';
import type { Survey } from '../../../shared/domain/surveys/survey';
import type { AggregateStore, PeriodCounters } from '../../../shared/services/reports/ports';
import {
  currentMonth,
  serviceQualityReport,
  type ReportReader,
} from '../../../shared/services/reports/service-quality';
import { InMemoryOrganization } from '../../support/fakes/organization';

/** The counters of every slice of one period after these contributions, as the store keeps them. */
const slicesAfter = (contributions: Contribution[], period = '2031-04'): Map<string, Counters> => {
  const slices = new Map<string, Counters>();
  for (const addition of sliceAdditions(contributions)) {
    if (addition.period !== period) continue;
    const counters = slices.get(addition.slice) ?? {};
    for (const [name, value] of Object.entries(addition.add))
      counters[name] = (counters[name] ?? 0) + value;
    slices.set(addition.slice, counters);
  }
  // Zeros are what a replayed negative leaves: the same as no counter at all.
  for (const [slice, counters] of slices) {
    const kept = Object.fromEntries(Object.entries(counters).filter(([, value]) => value !== 0));
    if (Object.keys(kept).length === 0) slices.delete(slice);
    else slices.set(slice, kept);
  }
  return slices;
};

const AT = (hour: number) => new Date(Date.UTC(2031, 3, 1, hour)).toISOString();

const received = (): Complaint =>
  ({
    id: 'C1',
    number: 'KF-20310401-AAAAAA',
    customerId: 'K1',
    channel: 'email',
    subject: '包裹丢了',
    description: 'parcel lost',
    severity: 'normal',
    attachments: [],
    status: 'received',
    escalationLevel: 0,
    receivedAt: AT(1),
    updatedAt: AT(1),
    version: 1,
  }) as Complaint;

const sla = {
  policyId: 'p',
  firstResponse: { hours: 24, businessHours: true },
  resolution: { hours: 48, businessHours: false },
  firstResponseDue: AT(5),
  resolutionDue: AT(40),
  warnings: [],
  pausedBusinessMs: 0,
  pausedCalendarMs: 0,
  pauses: [],
  raised: [],
} as unknown as Complaint['sla'];

/**
 * The history of the example: li-na (logistics) takes the complaint and answers it in
 * two hours, sends it to sales; wang-fang takes it there and resolves it; it closes.
 */
const history = (): Complaint[] => {
  const steps: Complaint[] = [received()];
  const last = () => steps.at(-1)!;
  steps.push({
    ...last(),
    status: 'routed',
    department: 'logistics',
    category: 'delivery',
    sla,
    version: 2,
  });
  steps.push(assignOwner(last(), 'li-na', new Date(AT(2))));
  steps.push({
    ...last(),
    status: 'in_progress',
    firstRespondedAt: AT(3),
    firstResponderId: 'li-na',
    firstResponseBusinessMs: 2 * 3_600_000,
    version: last().version + 1,
  });
  steps.push(transferComplaint(last(), 'sales', 'li-na', new Date(AT(4))));
  steps.push(assignOwner(last(), 'wang-fang', new Date(AT(5))));
  steps.push({
    ...last(),
    status: 'resolved',
    resolution: {
      plan: 'refund',
      customerAgreed: true,
      resolvedAt: AT(20),
      resolvedBy: 'wang-fang',
    },
    version: last().version + 1,
  });
  steps.push({ ...last(), status: 'closed', closedAt: AT(30), version: last().version + 1 });
  return steps;
};

const incremental = (steps: Complaint[]) =>
  steps.flatMap((next, index) =>
    complaintContribution(index === 0 ? undefined : steps[index - 1], next, 2 * 3_600_000),
  );

describe('figures per agent: what each staff member is credited with', () => {
  it('credits the case to the owner now, the first response to who gave it, the transfer to the owner it left', () => {
    const steps = history();
    expect(steps[4]?.transfers?.[0]).toMatchObject({ from: 'logistics', fromOwnerId: 'li-na' });
    const slices = slicesAfter(incremental(steps));
    expect(slices.get('AGENT#li-na')).toEqual({
      transfers: 1,
      frCount: 1,
      frClockMsSum: 2 * 3_600_000,
      frBusinessMsSum: 2 * 3_600_000,
      frWithin: 1,
      frTargets: 1,
      [Object.keys(slices.get('AGENT#li-na')!).find((name) => name.startsWith('frClockB'))!]: 1,
      [Object.keys(slices.get('AGENT#li-na')!).find((name) => name.startsWith('frBusinessB'))!]: 1,
    });
    expect(slices.get('AGENT#wang-fang')).toEqual({
      complaints: 1,
      resolved: 1,
      resTargets: 1,
      resWithin: 1,
    });
    const liNa = agentFigures(slices.get('AGENT#li-na')!);
    expect(liNa.complaintsHandled).toBe(0);
    expect(liNa.transfersAway).toBe(1);
    expect(liNa.firstResponse.businessHours.meanHours).toBe(2);
    expect(liNa.firstResponseWithinTarget.value).toBe(1);
    const wangFang = agentFigures(slices.get('AGENT#wang-fang')!);
    expect(wangFang.complaintsHandled).toBe(1);
    expect(wangFang.resolutionRate).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(wangFang.firstResponse.businessHours.count).toBe(0);
  });

  it('keeps the totals and departments as they were: agent counters are counted in their slice alone', () => {
    const slices = slicesAfter(incremental(history()));
    expect(slices.get('ALL')).toMatchObject({
      complaints: 1,
      resolved: 1,
      frCount: 1,
      transfers: 1,
    });
    expect(slices.get('DEPARTMENT#sales')).toMatchObject({
      complaints: 1,
      resolved: 1,
      frCount: 1,
    });
    expect(slices.get('DEPARTMENT#logistics')).toEqual({
      routings: 1,
      misroutings: 1,
      transfers: 1,
    });
  });

  it('rebuilds from the final record exactly what the changes added one by one', () => {
    const steps = history();
    const rebuilt = slicesAfter(complaintContribution(undefined, steps.at(-1)!, 2 * 3_600_000));
    expect(rebuilt).toEqual(slicesAfter(incremental(steps)));
  });

  it('moves the case between owners on reassignment within the department, first response staying', () => {
    const [, routed] = history();
    const owned = assignOwner(routed!, 'li-na', new Date(AT(2)));
    const answered = { ...owned, firstRespondedAt: AT(3), firstResponderId: 'li-na' };
    const reassigned = { ...answered, ownerId: 'zhang-wei', version: answered.version + 1 };
    const slices = slicesAfter([
      ...complaintContribution(undefined, routed!, undefined),
      ...complaintContribution(routed, owned, undefined),
      ...complaintContribution(owned, answered, 0),
      ...complaintContribution(answered, reassigned, 0),
    ]);
    expect(slices.get('AGENT#zhang-wei')).toEqual({ complaints: 1 });
    expect(slices.get('AGENT#li-na')).toMatchObject({ frCount: 1 });
    expect(slices.get('AGENT#li-na')?.complaints).toBeUndefined();
    expect(slices.get('DEPARTMENT#logistics')).toMatchObject({ complaints: 1, frCount: 1 });
  });

  it('credits an after-case survey to the staff member recorded on it, once, without counting it twice in the total', () => {
    const sent = {
      id: 'S',
      sentAt: AT(40),
      status: 'sent',
      about: { type: 'complaint', id: 'C1', department: 'sales', agentId: 'wang-fang' },
    } as Survey;
    const answered = { ...sent, answer: { score: 5 } } as Survey;
    const changed = { ...sent, answer: { score: 3 } } as Survey;
    const slices = slicesAfter([
      ...surveyContribution(undefined, sent),
      ...surveyContribution(sent, answered),
      ...surveyContribution(answered, changed),
    ]);
    const expected = { surveyed: 1, answered: 1, score3: 1, scoreSum: 3 };
    expect(slices.get('ALL')).toEqual(expected);
    expect(slices.get('AGENT#wang-fang')).toEqual(expected);
    expect(agentFigures(slices.get('AGENT#wang-fang')!).satisfaction.rate.value).toBe(0);
    // A quarterly survey names nobody.
    expect(surveyContribution(undefined, { ...sent, about: undefined }).some((c) => c.agent)).toBe(
      false,
    );
  });

  it('credits revisits to their assignee, on time or unreachable, and moves them to a new assignee', () => {
    const planned = {
      status: 'planned',
      createdAt: AT(1),
      dueAt: AT(60),
      department: 'sales',
      assigneeId: 'wang-fang',
    } as Revisit;
    const completed = {
      ...planned,
      status: 'completed',
      outcome: { completedAt: AT(50) },
    } as Revisit;
    const other = { ...planned, assigneeId: 'li-na' } as Revisit;
    const unreachable = { ...other, status: 'unreachable' } as Revisit;
    const slices = slicesAfter([
      ...revisitContribution(undefined, planned),
      ...revisitContribution(planned, completed),
      ...revisitContribution(undefined, planned),
      ...revisitContribution(planned, other),
      ...revisitContribution(other, unreachable),
    ]);
    expect(slices.get('AGENT#wang-fang')).toEqual({ revisitsPlanned: 1, revisitsOnTime: 1 });
    expect(slices.get('AGENT#li-na')).toEqual({ revisitsPlanned: 1, revisitsUnreachable: 1 });
    expect(slices.get('DEPARTMENT#sales')).toEqual({
      revisitsPlanned: 2,
      revisitsOnTime: 1,
      revisitsUnreachable: 1,
    });
    const liNa = agentFigures(slices.get('AGENT#li-na')!);
    expect(liNa.revisitsUnreachable.value).toBe(1);
    expect(liNa.revisitsCompletedOnTime.value).toBe(0);
  });
});

describe('the agents ranking', () => {
  const agent = (id: string, counters: Counters) => ({
    agentId: id,
    name: `Name ${id}`,
    department: 'logistics',
    figures: agentFigures(counters),
  });

  it('shows the best five best first and the worst five of the others worst first, never one twice', () => {
    const agents = Array.from({ length: 12 }, (_, index) =>
      agent(`a${String(index).padStart(2, '0')}`, { complaints: index + 1, resolved: index }),
    );
    const handled = rankAgents(agents).find((each) => each.figure === 'complaintsHandled')!;
    expect(handled.top.map((each) => each.value)).toEqual([12, 11, 10, 9, 8]);
    expect(handled.bottom.map((each) => each.value)).toEqual([1, 2, 3, 4, 5]);
    expect(handled.top).toHaveLength(RANKING_ENDS);
    const few = rankAgents(agents.slice(0, 7)).find((each) => each.figure === 'complaintsHandled')!;
    expect(few.top.map((each) => each.agentId)).toEqual(['a06', 'a05', 'a04', 'a03', 'a02']);
    expect(few.bottom.map((each) => each.agentId)).toEqual(['a00', 'a01']);
  });

  it('never shows among the worst someone level with the top five', () => {
    const level = Array.from({ length: 8 }, (_, index) =>
      agent(`c${index}`, { complaints: index < 6 ? 2 : 1 }),
    );
    const handled = rankAgents(level).find((each) => each.figure === 'complaintsHandled')!;
    expect(handled.top.map((each) => each.agentId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(handled.bottom.map((each) => [each.agentId, each.value])).toEqual([
      ['c6', 1],
      ['c7', 1],
    ]);
    const allEqual = rankAgents(level.slice(0, 6)).find(
      (each) => each.figure === 'complaintsHandled',
    )!;
    expect(allEqual.bottom).toEqual([]);
  });

  it('ranks lower-is-better figures lowest first, leaves out who has no data, breaks ties by staff id', () => {
    const ranking = rankAgents([
      agent('b', { transfers: 2, complaints: 1 }),
      agent('a', { transfers: 2, complaints: 1 }),
      agent('c', { transfers: 0, complaints: 1 }),
      agent('d', { surveyed: 1, score5: 1, answered: 1, scoreSum: 5 }),
    ]);
    const transfers = ranking.find((each) => each.figure === 'transfersAway')!;
    expect(transfers.top.map((each) => each.agentId)).toEqual(['c', 'a', 'b']);
    const satisfaction = ranking.find((each) => each.figure === 'satisfactionRate')!;
    expect(satisfaction.top.map((each) => each.agentId)).toEqual(['d']);
    expect(satisfaction.bottom).toEqual([]);
    expect(transfers).toMatchObject({ better: 'lower', measure: 'count' });
  });
});

/** An aggregate store over contributions, as the DynamoDB one keeps them. */
class MemoryAggregates implements AggregateStore {
  private readonly items = new Map<string, Counters>();
  async apply(_changeId: string, contributions: Contribution[]) {
    for (const { period, slice, add } of sliceAdditions(contributions)) {
      const counters = this.items.get(`${period}|${slice}`) ?? {};
      for (const [name, value] of Object.entries(add))
        counters[name] = (counters[name] ?? 0) + value;
      this.items.set(`${period}|${slice}`, counters);
    }
    return true;
  }
  async read(period: Period): Promise<PeriodCounters> {
    const result: PeriodCounters = {
      total: {},
      byDimension: { department: {}, category: {}, channel: {}, agent: {} },
      termSlices: {},
    };
    for (const [key, counters] of this.items) {
      const [name, slice] = key.split('|') as [string, string];
      if (name !== period.name) continue;
      if (slice === 'ALL') result.total = counters;
      else {
        const [kind, value] = slice.split('#') as [string, string];
        const byKind = result.byDimension[kind.toLowerCase() as 'agent'];
        if (byKind) byKind[value] = counters;
      }
    }
    return result;
  }
  async readSlice(periods: Period[], slice: string) {
    return periods.map((period) => this.items.get(`${period.name}|${slice}`) ?? {});
  }
  async replace() {}
}

const staffMember = (id: string, name: string, department: string): StaffMember =>
  ({
    id,
    name,
    email: `${id}@staff.example.com`,
    department,
    role: 'agent',
    onDuty: true,
    openComplaints: 0,
    updatedAt: AT(0),
    version: 1,
  }) as StaffMember;

describe('the agent slice of the report', () => {
  const world = async () => {
    const organization = new InMemoryOrganization();
    organization.staff.set('li-na', staffMember('li-na', '李娜', 'logistics'));
    organization.staff.set('wang-fang', staffMember('wang-fang', '王芳', 'sales'));
    const aggregates = new MemoryAggregates();
    await aggregates.apply('history', incremental(history()));
    return {
      aggregates,
      organization,
      clock: { now: () => new Date('2031-04-20T08:00:00Z') },
    };
  };
  const supervisor = (department: string): ReportReader => ({
    subject: `lead-${department}`,
    role: 'supervisor',
    department,
  });
  const admin: ReportReader = { subject: 'root', role: 'admin', department: undefined };

  it("gives a supervisor their own department's staff member, with name and figures", async () => {
    const report = await serviceQualityReport(
      await world(),
      { period: '2031-04', agent: 'wang-fang' },
      supervisor('sales'),
    );
    expect(report.filter).toEqual({ agent: 'wang-fang' });
    expect(report.agent).toMatchObject({ agentId: 'wang-fang', name: '王芳', department: 'sales' });
    expect(report.agent?.figures.complaintsHandled).toBe(1);
    expect(report.agents.departments).toEqual(['sales']);
    const handled = report.agents.ranking.find((each) => each.figure === 'complaintsHandled');
    expect(handled?.top.map((each) => each.agentId)).toEqual(['wang-fang']);
  });

  it('answers 404 alike for a staff member of another department and for an id nobody has', async () => {
    const deps = await world();
    for (const agent of ['li-na', 'nobody-here']) {
      await expect(
        serviceQualityReport(deps, { period: '2031-04', agent }, supervisor('sales')),
      ).rejects.toMatchObject({
        kind: 'not-found',
        message: `Staff member ${agent} does not exist.`,
      });
    }
    const integrator: ReportReader = { subject: 'erp', role: 'integrator', department: undefined };
    await expect(
      serviceQualityReport(deps, { period: '2031-04', agent: 'li-na' }, integrator),
    ).rejects.toMatchObject({ kind: 'not-found' });
    const report = await serviceQualityReport(deps, { period: '2031-04' }, integrator);
    expect(report.agents.departments).toEqual([]);
    expect(report.agents.ranking.every((each) => each.top.length === 0)).toBe(true);
  });

  it('ranks every department for an admin and the management mail, and defaults to the current month', async () => {
    const deps = await world();
    const report = await serviceQualityReport(deps, {}, admin);
    expect(report.period).toBe('2031-04');
    expect(currentMonth(new Date('2031-04-30T16:30:00Z'))).toBe('2031-05');
    const transfers = report.agents.ranking.find((each) => each.figure === 'transfersAway');
    expect(transfers?.top.map((each) => [each.agentId, each.value])).toEqual([
      ['wang-fang', 0],
      ['li-na', 1],
    ]);
    expect((await serviceQualityReport(deps, {})).agents.departments).toContain('logistics');
  });
});
