import { quantile } from './sketch';

export type Counters = Record<string, number>;

/**
 * A ratio with what it was computed from: `value` is numerator / denominator exactly, rounded only
 * where it is shown (shared/presentation/reports/format.ts); null when there is no data (never NaN).
 */
export interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
  formula: string;
}

export interface Durations {
  count: number;
  meanHours: number | null;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface ServiceQualityFigures {
  satisfaction: {
    rate: Rate;
    rateOverRespondents: Rate;
    responseRate: Rate;
    meanScore: number | null;
    distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  };
  firstResponse: { clockHours: Durations; businessHours: Durations };
  complaints: {
    received: number;
    resolutionRate: Rate;
    /** Moves to another department, counted under the department left. */
    transfers: number;
    /** Of the complaints the router sent here (or anywhere, in total), those never transferred. */
    routingAccuracy: Rate;
  };
  sla: {
    firstResponseWithinTarget: Rate;
    resolutionWithinTarget: Rate;
    warnings: number;
    breaches: number;
  };
  services: { delivered: number; errorRate: Rate };
  revisits: {
    planned: number;
    completedOnTime: Rate;
    completedLate: Rate;
    unreachable: Rate;
    cancelled: number;
  };
}

const HOUR_MS = 3600 * 1000;
const n = (counters: Counters, name: string) => counters[name] ?? 0;

const rate = (numerator: number, denominator: number, formula: string): Rate => ({
  value: denominator > 0 ? numerator / denominator : null,
  numerator,
  denominator,
  formula,
});

const durations = (counters: Counters, prefix: 'frClock' | 'frBusiness'): Durations => {
  const count = n(counters, 'frCount');
  const buckets = new Map<number, number>();
  for (const [name, value] of Object.entries(counters)) {
    if (name.startsWith(`${prefix}B`) && value > 0)
      buckets.set(Number(name.slice(prefix.length + 1)), value);
  }
  const hours = (ms: number | undefined) => (ms === undefined ? null : ms / HOUR_MS);
  return {
    count,
    meanHours: count > 0 ? n(counters, `${prefix}MsSum`) / count / HOUR_MS : null,
    medianHours: hours(quantile(buckets, 0.5)),
    p90Hours: hours(quantile(buckets, 0.9)),
  };
};

/** Every figure of the standards from one set of period counters, with its formula. */
export const serviceQualityFigures = (counters: Counters): ServiceQualityFigures => {
  const surveyed = n(counters, 'surveyed');
  const answered = n(counters, 'answered');
  const satisfied = n(counters, 'score5') + n(counters, 'score4');
  const planned = n(counters, 'revisitsPlanned');
  return {
    satisfaction: {
      rate: rate(satisfied, surveyed, '(非常满意 + 满意) / customers surveyed'),
      rateOverRespondents: rate(satisfied, answered, '(非常满意 + 满意) / customers who answered'),
      responseRate: rate(answered, surveyed, 'customers who answered / customers surveyed'),
      meanScore: answered > 0 ? n(counters, 'scoreSum') / answered : null,
      distribution: {
        '1': n(counters, 'score1'),
        '2': n(counters, 'score2'),
        '3': n(counters, 'score3'),
        '4': n(counters, 'score4'),
        '5': n(counters, 'score5'),
      },
    },
    firstResponse: {
      clockHours: durations(counters, 'frClock'),
      businessHours: durations(counters, 'frBusiness'),
    },
    complaints: {
      received: n(counters, 'complaints'),
      resolutionRate: rate(
        n(counters, 'resolved'),
        n(counters, 'complaints'),
        'resolved complaints / all complaints received in the period',
      ),
      transfers: n(counters, 'transfers'),
      routingAccuracy: rate(
        n(counters, 'routings') - n(counters, 'misroutings'),
        n(counters, 'routings'),
        'complaints never transferred / complaints routed',
      ),
    },
    sla: {
      firstResponseWithinTarget: rate(
        n(counters, 'frWithin'),
        n(counters, 'frTargets'),
        'first responses by their deadline / first responses',
      ),
      resolutionWithinTarget: rate(
        n(counters, 'resWithin'),
        n(counters, 'resTargets'),
        'resolutions by their deadline / resolutions',
      ),
      warnings: n(counters, 'slaWarnings'),
      breaches: n(counters, 'slaBreaches'),
    },
    services: {
      delivered: n(counters, 'services'),
      errorRate: rate(
        n(counters, 'serviceErrors'),
        n(counters, 'services'),
        'services with an error / all services',
      ),
    },
    revisits: {
      planned,
      completedOnTime: rate(
        n(counters, 'revisitsOnTime'),
        planned,
        'completed by their due time / planned',
      ),
      completedLate: rate(
        n(counters, 'revisitsLate'),
        planned,
        'completed after their due time / planned',
      ),
      unreachable: rate(n(counters, 'revisitsUnreachable'), planned, 'unreachable / planned'),
      cancelled: n(counters, 'revisitsCancelled'),
    },
  };
};

/**
 * One staff member's figures (the `AGENT#<staff id>` slice), the standards' measures of a
 * person's service (seed 003: 根据客户满意度、问题解决效率、工作质量等指标对售后服务人员进行考核评价):
 * what is credited to them by `contributions.ts`, read through the same formulas as the totals.
 */
export interface AgentFigures {
  /** Complaints received in the period whose owner they are now (for resolved ones: who resolved them). */
  complaintsHandled: number;
  /** Of the first responses they gave. */
  firstResponse: { clockHours: Durations; businessHours: Durations };
  firstResponseWithinTarget: Rate;
  resolutionRate: Rate;
  /** Complaints taken from them by a transfer to another department. */
  transfersAway: number;
  /** After-case surveys of the cases credited to them. */
  satisfaction: { rate: Rate; meanScore: number | null; surveyed: number };
  revisitsCompletedOnTime: Rate;
  revisitsUnreachable: Rate;
}

export const agentFigures = (counters: Counters): AgentFigures => {
  const figures = serviceQualityFigures(counters);
  return {
    complaintsHandled: figures.complaints.received,
    firstResponse: figures.firstResponse,
    firstResponseWithinTarget: figures.sla.firstResponseWithinTarget,
    resolutionRate: figures.complaints.resolutionRate,
    transfersAway: figures.complaints.transfers,
    satisfaction: {
      rate: figures.satisfaction.rate,
      meanScore: figures.satisfaction.meanScore,
      surveyed: n(counters, 'surveyed'),
    },
    revisitsCompletedOnTime: figures.revisits.completedOnTime,
    revisitsUnreachable: figures.revisits.unreachable,
  };
};

/** A figure staff members are ranked by: its value (null: no data, left out of the ranking). */
export interface RankedFigure {
  figure: string;
  label: string;
  measure: 'count' | 'hours' | 'rate';
  better: 'higher' | 'lower';
  value: (figures: AgentFigures) => number | null;
}

/** The figures of the agents' ranking, each declared once for the JSON, CSV, page and mail. */
export const AGENT_RANKED_FIGURES: readonly RankedFigure[] = [
  {
    figure: 'complaintsHandled',
    label: '处理投诉 Complaints handled',
    measure: 'count',
    better: 'higher',
    value: (f) => f.complaintsHandled,
  },
  {
    figure: 'firstResponseMeanBusinessHours',
    label: '首次响应（均值）First response, mean (business hours)',
    measure: 'hours',
    better: 'lower',
    value: (f) => f.firstResponse.businessHours.meanHours,
  },
  {
    figure: 'firstResponseMedianBusinessHours',
    label: '首次响应（中位数）First response, median (business hours)',
    measure: 'hours',
    better: 'lower',
    value: (f) => f.firstResponse.businessHours.medianHours,
  },
  {
    figure: 'firstResponseP90BusinessHours',
    label: '首次响应（P90）First response, P90 (business hours)',
    measure: 'hours',
    better: 'lower',
    value: (f) => f.firstResponse.businessHours.p90Hours,
  },
  {
    figure: 'firstResponseWithinTarget',
    label: '按时首次响应 First responses on time',
    measure: 'rate',
    better: 'higher',
    value: (f) => f.firstResponseWithinTarget.value,
  },
  {
    figure: 'resolutionRate',
    label: '投诉解决率 Resolution rate',
    measure: 'rate',
    better: 'higher',
    value: (f) => f.resolutionRate.value,
  },
  {
    figure: 'transfersAway',
    label: '转出 Transfers away',
    measure: 'count',
    better: 'lower',
    // Only for those who had complaints: someone credited with surveys alone transferred nothing.
    value: (f) => (f.complaintsHandled + f.transfersAway > 0 ? f.transfersAway : null),
  },
  {
    figure: 'satisfactionRate',
    label: '满意率（事后调查）Satisfaction (after-case surveys)',
    measure: 'rate',
    better: 'higher',
    value: (f) => f.satisfaction.rate.value,
  },
  {
    figure: 'revisitsCompletedOnTime',
    label: '按时回访 Revisits completed on time',
    measure: 'rate',
    better: 'higher',
    value: (f) => f.revisitsCompletedOnTime.value,
  },
  {
    figure: 'revisitsUnreachable',
    label: '回访未联系上 Revisits unreachable',
    measure: 'rate',
    better: 'lower',
    value: (f) => f.revisitsUnreachable.value,
  },
];

/** How many staff members the ranking shows at each end of a figure. */
export const RANKING_ENDS = 5;

export interface RankedAgent {
  agentId: string;
  name: string;
  department: string;
  value: number;
}

export interface AgentRanking {
  figure: string;
  label: string;
  measure: RankedFigure['measure'];
  better: 'higher' | 'lower';
  /** The best five, best first. */
  top: RankedAgent[];
  /** The worst five of the others (none in `top`, none level with its last), worst first. */
  bottom: RankedAgent[];
}

/**
 * Top and bottom five per figure of the staff members credited with anything in the period.
 * Ties keep the staff id order at both ends, so a ranking reads the same every time; a staff member without
 * data for a figure (a rate with nothing to divide by) is left out of that figure's ranking.
 */
export const rankAgents = (
  agents: { agentId: string; name: string; department: string; figures: AgentFigures }[],
): AgentRanking[] =>
  AGENT_RANKED_FIGURES.map(({ figure, label, measure, better, value }) => {
    const ranked = agents
      .flatMap(({ figures, ...agent }) => {
        const each = value(figures);
        return each === null ? [] : [{ ...agent, value: each }];
      })
      .sort(
        (a, b) =>
          (better === 'higher' ? b.value - a.value : a.value - b.value) ||
          a.agentId.localeCompare(b.agentId),
      );
    const top = ranked.slice(0, RANKING_ENDS);
    const last = top.at(-1)?.value;
    // Fair (seed 003: 科学、公平、透明的绩效考核机制): nobody level with the top five is shown among the worst.
    const worse = ranked
      .slice(top.length)
      .filter((agent) => last !== undefined && agent.value !== last)
      .sort(
        (a, b) =>
          (better === 'higher' ? a.value - b.value : b.value - a.value) ||
          a.agentId.localeCompare(b.agentId),
      );
    return { figure, label, measure, better, top, bottom: worse.slice(0, RANKING_ENDS) };
  });
