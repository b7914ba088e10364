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
