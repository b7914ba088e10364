import { systemClock } from '../../shared/adapters/clock';
import { DynamoCampaignRepository } from '../../shared/adapters/dynamodb/campaign-repository';
import { DynamoComplaintRepository } from '../../shared/adapters/dynamodb/complaint-repository';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoNotificationLog } from '../../shared/adapters/dynamodb/notification-log';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import { DynamoServiceRecordRepository } from '../../shared/adapters/dynamodb/revisit-repository';
import { DynamoSendRateLimiter } from '../../shared/adapters/dynamodb/send-rate-limiter';
import { DynamoSuppressionList } from '../../shared/adapters/dynamodb/suppression-list';
import { DynamoSurveyRepository } from '../../shared/adapters/dynamodb/survey-repository';
import { sesMailer } from '../../shared/adapters/ses-mailer';
import { sqsSurveyQueues } from '../../shared/adapters/sqs-queues';
import { surveyAddresses } from '../../shared/adapters/survey-addresses';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { SurveyServiceDeps } from '../../shared/services/surveys/deps';

let deps: SurveyServiceDeps | undefined;

/** Composition root of the survey functions. */
export const surveyDeps = (): SurveyServiceDeps => {
  deps ??= {
    surveys: new DynamoSurveyRepository(),
    campaigns: new DynamoCampaignRepository(),
    customers: new DynamoCustomerRepository(),
    services: new DynamoServiceRecordRepository(),
    complaints: new DynamoComplaintRepository(),
    organization: new DynamoOrganizationRepository(),
    suppressions: new DynamoSuppressionList(),
    sendRate: new DynamoSendRateLimiter('ses'),
    queues: sqsSurveyQueues,
    addresses: surveyAddresses,
    mailer: sesMailer,
    sent: new DynamoNotificationLog(),
    clock: systemClock,
    ids: ulidIds,
  };
  return deps;
};
