import type { SurveyServiceDeps } from '../../../shared/services/surveys/ports';
import { InMemoryNotificationLog } from './notifications';
import { WORLD_START } from './complaint-world';
import { revisitWorld } from './revisit-world';
import {
  FakeSurveyAddresses,
  InMemoryCampaigns,
  InMemoryCustomerTimeline,
  InMemorySuppressions,
  InMemorySurveyQueues,
  InMemorySurveys,
  RecordingSendRate,
  RejectingMailer,
} from './surveys';

/**
 * The survey services' ports, all in memory, on the revisit world (customers, complaints,
 * service records, organization, clock and ids) and its one outbox.
 */
export const surveyWorld = (start: string = WORLD_START) => {
  const base = revisitWorld(start);
  const campaigns = new InMemoryCampaigns(base.outbox);
  const surveys = new InMemorySurveys(campaigns, base.outbox);
  const suppressions = new InMemorySuppressions(base.outbox);
  const sendRate = new RecordingSendRate();
  const queues = new InMemorySurveyQueues();
  const addresses = new FakeSurveyAddresses();
  const mailer = new RejectingMailer();
  const sent = new InMemoryNotificationLog();
  const timeline = new InMemoryCustomerTimeline();
  const deps: SurveyServiceDeps & typeof base.deps = {
    ...base.deps,
    surveys,
    campaigns,
    suppressions,
    sendRate,
    queues,
    addresses,
    mailer,
    sent,
    timeline,
  };
  return {
    ...base,
    deps,
    surveys,
    campaigns,
    suppressions,
    sendRate,
    queues,
    addresses,
    mailer,
    sent,
    timeline,
  };
};

export type SurveyWorld = ReturnType<typeof surveyWorld>;
