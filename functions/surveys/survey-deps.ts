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
import { countCommittedEvents } from '../../shared/adapters/metrics';
import { DynamoCustomerTimeline } from '../../shared/adapters/dynamodb/customer-timeline';
import { sesMailer } from '../../shared/adapters/ses-mailer';
import { sqsSurveyQueues } from '../../shared/adapters/sqs-queues';
import { surveyAddresses } from '../../shared/adapters/survey-addresses';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { Survey } from '../../shared/domain/surveys/survey';
import type { DomainEvent } from '../../shared/domain/events';
import type { SurveyChange, SurveyServiceDeps } from '../../shared/services/surveys/ports';
import { MeteredComplaintRepository } from '../complaints/complaint-deps';

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
    timeline: new DynamoCustomerTimeline(),
    clock: systemClock,
    ids: ulidIds,
  };
  return deps;
};

/** Counts surveys sent, reminded and answered, and unread replies, once each write succeeded. */
class MeteredSurveyRepository extends DynamoSurveyRepository {
  override async save(previous: Survey, next: Survey, change?: SurveyChange): Promise<void> {
    await super.save(previous, next, change);
    countCommittedEvents(change?.events);
  }
}

/** Counts addresses suppressed: only when this call suppressed it (and wrote its event). */
class MeteredSuppressionList extends DynamoSuppressionList {
  override async suppress(
    email: string,
    reason: { feedback: 'bounce' | 'complaint'; at: string },
    event: DomainEvent,
  ): Promise<boolean> {
    const suppressed = await super.suppress(email, reason, event);
    if (suppressed) countCommittedEvents([event]);
    return suppressed;
  }
}

let metered: SurveyServiceDeps | undefined;

/**
 * `surveyDeps()` whose survey, complaint and suppression writes count business metrics once
 * they succeeded. Only for handlers wrapped in `withBusinessMetrics`, which publishes the counts.
 */
export const meteredSurveyDeps = (): SurveyServiceDeps => {
  metered ??= {
    ...surveyDeps(),
    surveys: new MeteredSurveyRepository(),
    complaints: new MeteredComplaintRepository(),
    suppressions: new MeteredSuppressionList(),
  };
  return metered;
};
