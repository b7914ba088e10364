import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../shared/domain/complaints/complaint';
import {
  complaintContribution,
  revisitContribution,
  serviceContribution,
  surveyContribution,
} from '../../../shared/domain/reports/contributions';
import { serviceQualityFigures } from '../../../shared/domain/reports/figures';
import { sliceAdditions } from '../../../shared/domain/reports/slices';
import { transferComplaint } from '../../../shared/domain/complaints/transfer';
import {
  isPeriod,
  PERIOD_PATTERN,
  parsePeriod,
  periodsOf,
  previousPeriod,
} from '../../../shared/domain/reports/periods';
import { bucketOf, quantile } from '../../../shared/domain/reports/sketch';
import type { Revisit } from '../../../shared/domain/revisits/revisit';
import type { Survey } from '../../../shared/domain/surveys/survey';

describe('report periods', () => {
  it('places an instant in its Shanghai day, month, quarter and year', () => {
    expect(periodsOf('2026-12-31T17:00:00Z').map((period) => period.name)).toEqual([
      '2027-01-01',
      '2027-01',
      '2027-Q1',
      '2027',
    ]);
    expect(periodsOf('2026-12-31T15:59:59Z')[2]?.name).toBe('2026-Q4');
  });

  it('parses the four kinds and refuses anything else', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', name: '2026-Q3' });
    expect(parsePeriod('2026-02-28').kind).toBe('day');
    for (const bad of ['2026-Q5', '2026-13', '2026-02-30', '26', 'last month']) {
      expect(() => parsePeriod(bad), bad).toThrow(/not a period/);
      expect(isPeriod(bad), bad).toBe(false);
    }
  });

  it('documents every shape in one pattern, which alone cannot tell 2026-13 is no month', () => {
    for (const good of ['2026-11-23', '2026-11', '2026-Q4', '2026', '2028-02-29'])
      expect(PERIOD_PATTERN.test(good) && isPeriod(good), good).toBe(true);
    for (const shapeless of ['2026-Q5', '2026-1', '2026-11-23T00:00', ' 2026', '2026-W48'])
      expect(PERIOD_PATTERN.test(shapeless), shapeless).toBe(false);
    for (const impossible of ['2026-13', '2026-00', '2026-02-29', '2026-04-31'])
      expect([PERIOD_PATTERN.test(impossible), isPeriod(impossible)], impossible).toEqual([
        true,
        false,
      ]);
  });

  it('knows the period before, across year ends', () => {
    const before = (name: string) => previousPeriod(parsePeriod(name)).name;
    expect([
      before('2027-Q1'),
      before('2026-Q3'),
      before('2027-01'),
      before('2027-03-01'),
      before('2026'),
    ]).toEqual(['2026-Q4', '2026-Q2', '2026-12', '2027-02-28', '2025']);
  });
});

describe('the duration sketch', () => {
  it('reads quantiles back within 1 % and merges by adding buckets', () => {
    const buckets = new Map<number, number>();
    for (let minutes = 1; minutes <= 1000; minutes++) {
      const bucket = bucketOf(minutes * 60_000);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    expect(quantile(buckets, 0.5)! / (500 * 60_000)).toBeCloseTo(1, 1);
    expect(Math.abs(quantile(buckets, 0.5)! / (500 * 60_000) - 1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(quantile(buckets, 0.9)! / (900 * 60_000) - 1)).toBeLessThanOrEqual(0.01);
    expect(quantile(new Map(), 0.5)).toBeUndefined();
  });
});

const complaint = (change: Partial<Complaint> = {}): Complaint =>
  ({
    id: 'C1',
    number: 'KF-20311001-AAAAAA',
    customerId: 'K1',
    channel: 'email',
    subject: 's',
    description: 'd',
    category: 'delivery',
    severity: 'normal',
    attachments: [],
    status: 'assigned',
    department: 'logistics',
    escalationLevel: 0,
    receivedAt: '2031-04-01T01:00:00.000Z',
    updatedAt: '2031-04-01T01:00:00.000Z',
    version: 2,
    sla: {
      policyId: 'p',
      firstResponse: { hours: 24, businessHours: true },
      resolution: { hours: 48, businessHours: false },
      firstResponseDue: '2031-04-02T01:00:00.000Z',
      resolutionDue: '2031-04-03T01:00:00.000Z',
      warnings: [],
      pausedBusinessMs: 0,
      pausedCalendarMs: 0,
      pauses: [],
      raised: [],
    },
    ...change,
  }) as Complaint;

describe('what a change adds to the counters', () => {
  it('counts a complaint once routed, its first response, and takes resolution back on reopening', () => {
    const received = complaint({ status: 'received', department: undefined });
    expect(complaintContribution(undefined, received, undefined)).toEqual([]);
    const routed = complaint();
    expect(complaintContribution(received, routed, undefined)[0]?.add).toEqual({ complaints: 1 });
    const responded = complaint({
      status: 'in_progress',
      firstRespondedAt: '2031-04-01T03:00:00.000Z',
    });
    const add = complaintContribution(routed, responded, 3_600_000)[0]?.add;
    expect(add).toMatchObject({
      frCount: 1,
      frClockMsSum: 7_200_000,
      frBusinessMsSum: 3_600_000,
      frWithin: 1,
      frTargets: 1,
    });
    const resolved = complaint({
      ...responded,
      status: 'resolved',
      resolution: {
        plan: 'p',
        customerAgreed: true,
        resolvedAt: '2031-04-04T00:00:00.000Z',
        resolvedBy: 'x',
      },
    });
    // Resolved after its deadline: one resolution with a target, none within it.
    expect(complaintContribution(responded, resolved, undefined)[0]?.add).toEqual({
      resolved: 1,
      resTargets: 1,
    });
    const reopened = complaint({ ...resolved, status: 'in_progress' });
    expect(complaintContribution(resolved, reopened, undefined)[0]?.add).toEqual({ resolved: -1 });
    // Resolved again, this time by the deadline: judged by the latest resolution.
    const again = complaint({
      ...reopened,
      status: 'resolved',
      sla: { ...resolved.sla!, resolutionDue: '2031-04-10T00:00:00.000Z' },
      resolution: { ...resolved.resolution!, resolvedAt: '2031-04-05T00:00:00.000Z' },
    });
    expect(complaintContribution(reopened, again, undefined)[0]?.add).toEqual({
      resolved: 1,
      resWithin: 1,
    });
    expect(complaintContribution(resolved, reopened, undefined)[0]?.dimensions).toEqual({
      department: 'logistics',
      category: 'delivery',
      channel: 'email',
    });
  });

  it('moves a changed survey answer from the old score to the new one', () => {
    const sent = { id: 'S', sentAt: '2031-04-02T00:00:00Z', status: 'sent' } as Survey;
    expect(surveyContribution(undefined, sent)[0]?.add).toEqual({ surveyed: 1 });
    const answered = { ...sent, answer: { score: 2 } } as Survey;
    expect(surveyContribution(sent, answered)[0]?.add).toEqual({
      score2: 1,
      scoreSum: 2,
      answered: 1,
    });
    const changed = { ...sent, answer: { score: 5 } } as Survey;
    expect(surveyContribution(answered, changed)[0]?.add).toEqual({
      score2: -1,
      score5: 1,
      scoreSum: 3,
    });
    expect(
      surveyContribution(undefined, { ...sent, sentAt: undefined } as unknown as Survey),
    ).toEqual([]);
  });

  it('counts services with errors and revisits completed late', () => {
    expect(
      serviceContribution({
        completedAt: '2031-04-01T00:00:00Z',
        department: 'after-sales',
        errorOccurred: true,
      } as never)[0]?.add,
    ).toEqual({ services: 1, serviceErrors: 1 });
    const planned = {
      status: 'planned',
      createdAt: '2031-04-01T00:00:00Z',
      dueAt: '2031-04-04T00:00:00Z',
    } as Revisit;
    expect(revisitContribution(undefined, planned)[0]?.add).toEqual({ revisitsPlanned: 1 });
    const late = {
      ...planned,
      status: 'completed',
      outcome: { completedAt: '2031-04-05T00:00:00Z' },
    } as Revisit;
    expect(revisitContribution(planned, late)[0]?.add).toEqual({ revisitsLate: 1 });
  });

  it('counts a post-service call on time within 72 hours of handover (71 h), late after (73 h)', () => {
    const handover = Date.parse('2031-04-04T11:00:00Z');
    const at = (hours: number) => new Date(handover + hours * 3_600_000).toISOString();
    const due = {
      status: 'due',
      createdAt: at(0),
      opensAt: at(0),
      dueAt: at(72),
    } as Revisit;
    const completed = (hours: number) =>
      ({ ...due, status: 'completed', outcome: { completedAt: at(hours) } }) as Revisit;
    expect(revisitContribution(due, completed(71))[0]?.add).toEqual({ revisitsOnTime: 1 });
    expect(revisitContribution(due, completed(73))[0]?.add).toEqual({ revisitsLate: 1 });
  });
});

describe('transfers in the counters', () => {
  /** Every period × slice's counters after the contributions, zeros left out. */
  const totals = (contributions: ReturnType<typeof complaintContribution>) => {
    const sums: Record<string, number> = {};
    for (const item of sliceAdditions(contributions)) {
      if (!item.period.includes('Q')) continue;
      for (const [name, value] of Object.entries(item.add)) {
        const key = `${item.slice}.${name}`;
        sums[key] = (sums[key] ?? 0) + value;
      }
    }
    return Object.fromEntries(Object.entries(sums).filter(([, value]) => value !== 0));
  };
  const received = complaint({ status: 'received', department: undefined });
  const routed = complaint();
  const responded = complaint({
    status: 'in_progress',
    firstRespondedAt: '2031-04-01T03:00:00.000Z',
  });
  const toSales = transferComplaint(responded, 'sales', 'x', new Date('2031-04-01T04:00:00Z'));
  const toFinance = transferComplaint(
    { ...toSales, status: 'assigned', ownerId: 'y' },
    'finance',
    'y',
    new Date('2031-04-01T05:00:00Z'),
  );
  const history = [received, routed, responded, toSales, toFinance];
  const incremental = history
    .slice(1)
    .flatMap((next, index) => complaintContribution(history[index], next, 3_600_000));

  it('counts each transfer where the complaint left, and a misrouting where it was routed first', () => {
    const sums = totals(incremental);
    expect(sums).toMatchObject({
      'ALL.complaints': 1,
      'ALL.routings': 1,
      'ALL.misroutings': 1,
      'ALL.transfers': 2,
      'DEPARTMENT#logistics.routings': 1,
      'DEPARTMENT#logistics.misroutings': 1,
      'DEPARTMENT#logistics.transfers': 1,
      'DEPARTMENT#sales.transfers': 1,
      // the case itself, and its first response, moved on to the department that has it now
      'DEPARTMENT#finance.complaints': 1,
      'DEPARTMENT#finance.frCount': 1,
      'CATEGORY#delivery.complaints': 1,
    });
    expect(sums['DEPARTMENT#logistics.complaints']).toBeUndefined();
    expect(sums['DEPARTMENT#sales.complaints']).toBeUndefined();
    expect(sums['DEPARTMENT#finance.transfers']).toBeUndefined();
    expect(sums['ALL.frCount']).toBe(1);
  });

  it('adds up to what a rebuild from the current record counts', () => {
    const rebuilt = complaintContribution(undefined, toFinance, 3_600_000);
    const withoutTerms = (contributions: typeof incremental) =>
      contributions.map(({ terms: _terms, ...rest }) => rest);
    expect(totals(withoutTerms(incremental))).toEqual(totals(withoutTerms(rebuilt)));
    // the words are counted once, not once per department the complaint passed through
    const words = incremental.flatMap((each) => Object.keys(each.terms ?? {}));
    expect(words.length).toBe(new Set(words).size);
  });

  it('shows the transfers and the routing accuracy with its formula', () => {
    const figures = serviceQualityFigures({ routings: 4, misroutings: 1, transfers: 2 });
    expect(figures.complaints.transfers).toBe(2);
    expect(figures.complaints.routingAccuracy).toEqual({
      value: 0.75,
      numerator: 3,
      denominator: 4,
      formula: 'complaints never transferred / complaints routed',
    });
    expect(serviceQualityFigures({}).complaints.routingAccuracy.value).toBeNull();
  });
});

describe('figures from counters', () => {
  it('reports no data as null, never 0 % or NaN', () => {
    const figures = serviceQualityFigures({});
    expect(figures.satisfaction.rate.value).toBeNull();
    expect(figures.satisfaction.meanScore).toBeNull();
    expect(figures.firstResponse.clockHours.medianHours).toBeNull();
    expect(figures.complaints.resolutionRate.value).toBeNull();
    expect(JSON.stringify(figures)).not.toContain('NaN');
  });

  it('computes the satisfaction rate over everyone surveyed, as the standards define it', () => {
    const figures = serviceQualityFigures({
      surveyed: 8,
      answered: 5,
      score5: 2,
      score4: 1,
      score2: 2,
      scoreSum: 21,
    });
    expect(figures.satisfaction.rate).toMatchObject({ value: 0.375, numerator: 3, denominator: 8 });
    expect(figures.satisfaction.rateOverRespondents.value).toBe(0.6);
    expect(figures.satisfaction.responseRate.value).toBe(0.625);
    expect(figures.satisfaction.meanScore).toBe(4.2);
  });

  it('keeps every figure exact, for the one rounding where it is shown', () => {
    const figures = serviceQualityFigures({
      surveyed: 13,
      answered: 3,
      score5: 7,
      scoreSum: 8,
      frCount: 3,
      frClockMsSum: 10 * 3_600_000,
    });
    expect(figures.satisfaction.rate).toMatchObject({
      value: 7 / 13,
      numerator: 7,
      denominator: 13,
    });
    expect(figures.satisfaction.meanScore).toBe(8 / 3);
    expect(figures.firstResponse.clockHours.meanHours).toBe(10 / 3);
  });
});

describe('figures as CSV', () => {
  it('quotes what needs quoting and never lets a spreadsheet run a cell', async () => {
    const { figuresCsv } = await import('../../../shared/presentation/reports/csv');
    const figures = serviceQualityFigures({ surveyed: 2, score5: 1, answered: 1, scoreSum: 5 });
    const csv = figuresCsv(figures, serviceQualityFigures({}));
    expect(csv.startsWith('figure,value,shown,numerator,denominator,previous,formula\r\n')).toBe(
      true,
    );
    expect(csv).toContain(
      'satisfaction.rate,0.5,50.0 %,1,2,,(非常满意 + 满意) / customers surveyed\r\n',
    );
    expect(csv).toContain('satisfaction.meanScore,5,5.00,,,,\r\n');
    expect(csv).toContain('satisfaction.distribution.5,1,1,,,0,\r\n');
    expect(csv).toContain('firstResponse.clockHours.meanHours,,,,,,\r\n');
    const hostile = {
      ...figures,
      satisfaction: {
        ...figures.satisfaction,
        rate: { ...figures.satisfaction.rate, formula: '=HYPERLINK("x")' },
      },
    };
    expect(figuresCsv(hostile, figures)).toContain(`,"'=HYPERLINK(""x"")"`);
  });

  it('gives a rate exactly and shown rounded once: 7 / 13 is 53.8 %, not 53.9 %', async () => {
    const { figuresCsv } = await import('../../../shared/presentation/reports/csv');
    const figures = serviceQualityFigures({
      surveyed: 13,
      score5: 7,
      frCount: 3,
      frBusinessMsSum: 10 * 3_600_000,
    });
    const lines = figuresCsv(figures, serviceQualityFigures({})).split('\r\n');
    expect(lines).toContain(
      `satisfaction.rate,${7 / 13},53.8 %,7,13,,(非常满意 + 满意) / customers surveyed`,
    );
    expect(lines).toContain(`firstResponse.businessHours.meanHours,${10 / 3},3.3 h,,,,`);
    expect(lines).toContain('firstResponse.businessHours.count,3,3,,,0,');
  });
});

describe('hot-topic words', () => {
  it('segments Chinese and English into words, leaving fillers, numbers and repeats out', async () => {
    const { termsOf, termShard, TERM_SHARDS } =
      await import('../../../shared/domain/reports/terms');
    expect(termsOf('快递员态度很差，包裹丢失了，一直没收到')).toEqual([
      '快递',
      '态度',
      '包裹',
      '丢失',
      '收到',
    ]);
    expect(termsOf('The invoice amount was wrong, please refund the invoice 2 times')).toEqual([
      'invoice',
      'amount',
      'wrong',
      'refund',
      'times',
    ]);
    expect(termsOf('非常不满意，送货太慢')).toEqual(['送货', '太慢']);
    expect(termsOf('')).toEqual([]);
    expect(termShard('包裹')).toBe(termShard('包裹'));
    expect(termShard('包裹')).toBeLessThan(TERM_SHARDS);
  });

  it('counts a complaint text once, and moves a changed comment from its old words to the new', () => {
    const routed = complaint({ subject: '包裹丢失', description: '包裹一直没收到' });
    expect(complaintContribution(undefined, routed, undefined)[0]?.terms).toEqual({
      包裹: 1,
      丢失: 1,
      收到: 1,
    });
    const sent = { id: 'S', sentAt: '2031-04-02T00:00:00Z', status: 'sent' } as Survey;
    const first = { ...sent, answer: { score: 2, comment: '送货太慢' } } as Survey;
    const changed = { ...sent, answer: { score: 2, comment: '包装破损' } } as Survey;
    expect(surveyContribution(first, changed)[0]?.terms).toEqual({
      送货: -1,
      太慢: -1,
      包装: 1,
      破损: 1,
    });
  });
});
