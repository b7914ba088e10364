import { DynamoAggregateStore } from '../../shared/adapters/dynamodb/aggregate-store';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import type { ReportDeps } from '../../shared/services/reports/ports';

let deps: ReportDeps | undefined;

/** Composition root of the report functions. */
export const reportDeps = (): ReportDeps => {
  deps ??= {
    aggregates: new DynamoAggregateStore(),
    organization: new DynamoOrganizationRepository(),
  };
  return deps;
};
