import { DynamoAggregateStore } from '../../shared/adapters/dynamodb/aggregate-store';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import { systemClock } from '../../shared/adapters/clock';
import type { ReportReadDeps } from '../../shared/services/reports/ports';

let deps: ReportReadDeps | undefined;

/** Composition root of the report functions. */
export const reportDeps = (): ReportReadDeps => {
  deps ??= {
    aggregates: new DynamoAggregateStore(),
    organization: new DynamoOrganizationRepository(),
    clock: systemClock,
  };
  return deps;
};
