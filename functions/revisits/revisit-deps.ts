import { systemClock } from '../../shared/adapters/clock';
import { DynamoComplaintRepository } from '../../shared/adapters/dynamodb/complaint-repository';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import {
  DynamoRevisitRepository,
  DynamoServiceRecordRepository,
} from '../../shared/adapters/dynamodb/revisit-repository';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { RevisitServiceDeps } from '../../shared/services/revisits/ports';

let deps: RevisitServiceDeps | undefined;

/** Composition root of the service-record and revisit functions. */
export const revisitDeps = (): RevisitServiceDeps => {
  deps ??= {
    revisits: new DynamoRevisitRepository(),
    services: new DynamoServiceRecordRepository(),
    customers: new DynamoCustomerRepository(),
    complaints: new DynamoComplaintRepository(),
    organization: new DynamoOrganizationRepository(),
    clock: systemClock,
    ids: ulidIds,
  };
  return deps;
};
