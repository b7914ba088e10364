import type { ServiceQualityFigures } from './figures';

/** A figure the standards set a target for, how to read it, and which way is better. */
export const TARGET_FIGURES = {
  satisfactionRate: {
    label: '满意率 Satisfaction rate',
    read: (figures: ServiceQualityFigures) => figures.satisfaction.rate.value,
    better: 'higher',
  },
  firstResponseBusinessHours: {
    label: '首次响应 First response (business hours, mean)',
    read: (figures: ServiceQualityFigures) => figures.firstResponse.businessHours.meanHours,
    better: 'lower',
  },
  resolutionRate: {
    label: '投诉解决率 Complaint resolution rate',
    read: (figures: ServiceQualityFigures) => figures.complaints.resolutionRate.value,
    better: 'higher',
  },
  firstResponseWithinTarget: {
    label: '按时首次响应 First responses on time',
    read: (figures: ServiceQualityFigures) => figures.sla.firstResponseWithinTarget.value,
    better: 'higher',
  },
  resolutionWithinTarget: {
    label: '按时解决 Resolutions on time',
    read: (figures: ServiceQualityFigures) => figures.sla.resolutionWithinTarget.value,
    better: 'higher',
  },
  serviceErrorRate: {
    label: '服务差错率 Service error rate',
    read: (figures: ServiceQualityFigures) => figures.services.errorRate.value,
    better: 'lower',
  },
  revisitOnTimeRate: {
    label: '按时回访率 Revisits completed on time',
    read: (figures: ServiceQualityFigures) => figures.revisits.completedOnTime.value,
    better: 'higher',
  },
} as const;

export type TargetFigure = keyof typeof TARGET_FIGURES;
export type Targets = Partial<Record<TargetFigure, number>>;

/** The standards' own: ≥ 90 % satisfied, first response within 4 business hours on average… */
export const DEFAULT_TARGETS: Targets = {
  satisfactionRate: 0.9,
  firstResponseBusinessHours: 4,
  resolutionRate: 0.95,
  firstResponseWithinTarget: 0.95,
  resolutionWithinTarget: 0.95,
  serviceErrorRate: 0.02,
  revisitOnTimeRate: 0.9,
};

export interface Assessment {
  figure: TargetFigure;
  label: string;
  value: number | null;
  target: number;
  better: 'higher' | 'lower';
  /** null when the period has no data for the figure. */
  met: boolean | null;
  /** How far from the target, in the figure's own unit (positive = missed by that much). */
  shortfall: number | null;
}

/** Each targeted figure marked met or missed (or no data). */
export const assess = (figures: ServiceQualityFigures, targets: Targets): Assessment[] =>
  (Object.keys(TARGET_FIGURES) as TargetFigure[]).flatMap((figure) => {
    const target = targets[figure];
    if (target === undefined) return [];
    const { label, read, better } = TARGET_FIGURES[figure];
    const value = read(figures);
    const shortfall =
      value === null ? null : Math.max(0, better === 'higher' ? target - value : value - target);
    return [
      {
        figure,
        label,
        value,
        target,
        better,
        met: value === null ? null : shortfall === 0,
        shortfall,
      },
    ];
  });
