import { DynamoAggregateStore } from '../../shared/adapters/dynamodb/aggregate-store';
import { DynamoComplaintRepository } from '../../shared/adapters/dynamodb/complaint-repository';
import { DynamoPrivacyNoticeRepository } from '../../shared/adapters/dynamodb/privacy-notice-repository';
import {
  DynamoRevisitRepository,
  DynamoServiceRecordRepository,
} from '../../shared/adapters/dynamodb/revisit-repository';
import { DynamoSurveyRepository } from '../../shared/adapters/dynamodb/survey-repository';
import type { ErasureDeps } from '../../shared/services/customers/erasure';
import type { ExportDeps } from '../../shared/services/customers/export';
import { customerDeps } from './customer-deps';

let deps: (ErasureDeps & ExportDeps) | undefined;

/** Composition root of the data-subject-rights functions (erasure, export). */
export const privacyDeps = (): ErasureDeps & ExportDeps => {
  deps ??= {
    ...customerDeps(),
    complaints: new DynamoComplaintRepository(),
    services: new DynamoServiceRecordRepository(),
    revisits: new DynamoRevisitRepository(),
    surveys: new DynamoSurveyRepository(),
    aggregates: new DynamoAggregateStore(),
    notices: new DynamoPrivacyNoticeRepository(),
  };
  return deps;
};
