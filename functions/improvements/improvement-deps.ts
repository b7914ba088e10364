import { systemClock } from '../../shared/adapters/clock';
import { DynamoAggregateStore } from '../../shared/adapters/dynamodb/aggregate-store';
import { DynamoImprovementActionRepository } from '../../shared/adapters/dynamodb/improvement-action-repository';
import { DynamoTrainingRepository } from '../../shared/adapters/dynamodb/training-repository';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { ImprovementServiceDeps } from '../../shared/services/improvements/ports';

let deps: ImprovementServiceDeps | undefined;

/** Composition root of the improvement-action functions. */
export const improvementDeps = (): ImprovementServiceDeps => {
  deps ??= {
    actions: new DynamoImprovementActionRepository(),
    trainings: new DynamoTrainingRepository(),
    organization: new DynamoOrganizationRepository(),
    aggregates: new DynamoAggregateStore(),
    clock: systemClock,
    ids: ulidIds,
  };
  return deps;
};
