import type { Campaign, CampaignCounters } from '../../domain/surveys/campaign';
import type { Interaction } from '../../domain/customers/interaction';
import type { DomainEvent } from '../../domain/events';
import type { Page, PageRequest } from '../../domain/pagination';
import type { SkipReason, Survey } from '../../domain/surveys/survey';
import type { Clock } from '../../domain/clock';
import type { IdSource } from '../../domain/ids';
import type { ComplaintRepository } from '../complaints/ports';
import type { CustomerRepository, CustomerTimeline } from '../customers/ports';
import type { Mailer, NotificationLog } from '../notifications/ports';
import type { OrganizationRepository } from '../organization/ports';
import type { ServiceRecordRepository } from '../revisits/ports';

/** What a survey change adds to its campaign's counters (in the same write). */
export interface CounterChange {
  campaignId: string;
  add: Partial<Record<Exclude<keyof CampaignCounters, 'skipped'>, number>>;
  skipped?: SkipReason;
}

export interface SurveyChange {
  events?: DomainEvent[];
  interactions?: Interaction[];
  counters?: CounterChange | undefined;
}

export interface SurveyRepository {
  /** Stores a new survey once per `planKey` (with its change); false if it was planned already. */
  plan(survey: Survey, planKey: string, change?: SurveyChange): Promise<boolean>;
  get(id: string): Promise<Survey | undefined>;
  /** Replaces `previous` by `next` if unchanged meanwhile (`stale-version` otherwise). */
  save(previous: Survey, next: Survey, change?: SurveyChange): Promise<void>;
  /** Ids of surveys whose send or reminder time is at or before `until` (due-time index). */
  dueIds(until: string, limit: number): Promise<string[]>;
  listForCustomer(customerId: string, page: PageRequest): Promise<Page<Survey>>;
  /** When the customer was last sent a survey of any kind. */
  lastSurveyedAt(customerId: string): Promise<string | undefined>;
  /**
   * Takes the customer's survey slot for `surveyId` at `at`: refused when another survey was
   * sent after `cutoff` (the throttle window), so concurrent senders cannot both pass.
   */
  claimSurveySlot(
    customerId: string,
    surveyId: string,
    at: string,
    cutoff: string,
  ): Promise<boolean>;
}

export interface CampaignRepository {
  /** Creates the campaign with its event; with a `key`, only once per key (false otherwise). */
  create(campaign: Campaign, event: DomainEvent, key?: string): Promise<boolean>;
  get(id: string): Promise<Campaign | undefined>;
  markEnumerated(id: string, at: string): Promise<void>;
}

/** Addresses SES must not send to again: hard bounces and complaints. */
export interface SuppressionList {
  isSuppressed(email: string): Promise<boolean>;
  /** Suppresses the address with its event, once: false (and nothing written) if it already was. */
  suppress(
    email: string,
    reason: { feedback: 'bounce' | 'complaint'; at: string },
    event: DomainEvent,
  ): Promise<boolean>;
}

/** The SES sending rate, shared by every concurrent sender (a token bucket). */
export interface SendRateLimiter {
  acquire(ratePerSecond: number): Promise<void>;
}

export type SurveyWork = { surveyId: string; purpose: 'survey' | 'reminder' };

/** The survey queues: sending work, and the next page of a campaign's audience. */
export interface SurveyQueues {
  send(work: SurveyWork[]): Promise<void>;
  continueCampaign(campaignId: string, cursor: string): Promise<void>;
}

export type SurveyTokenReading =
  | { valid: true; surveyId: string }
  | { valid: false; reason: 'expired'; surveyId: string }
  | { valid: false; reason: 'forged' };

/** Public links and the reply address of a survey. */
export interface SurveyAddresses {
  answerToken(surveyId: string, expiresAt: Date): Promise<string>;
  readAnswerToken(token: string, now: Date): Promise<SurveyTokenReading>;
  answerUrl(token: string, score?: number): string;
  unsubscribeUrl(token: string): string;
  replyAddress(surveyId: string): Promise<string>;
  /** The survey a reply address names, if it is genuine. */
  surveyOfReplyAddress(address: string): Promise<string | undefined>;
}

export interface SurveyServiceDeps {
  surveys: SurveyRepository;
  campaigns: CampaignRepository;
  customers: CustomerRepository;
  services: ServiceRecordRepository;
  complaints: ComplaintRepository;
  organization: OrganizationRepository;
  suppressions: SuppressionList;
  sendRate: SendRateLimiter;
  queues: SurveyQueues;
  addresses: SurveyAddresses;
  mailer: Mailer;
  /** Remembers emails sent and replies processed, so redeliveries do nothing twice. */
  sent: NotificationLog;
  /** Survey mails are kept on the customer's timeline (subject, time; never the body). */
  timeline: CustomerTimeline;
  clock: Clock;
  ids: IdSource;
}
