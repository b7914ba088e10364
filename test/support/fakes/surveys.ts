import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactionCancelled } from '../../../shared/adapters/dynamodb/transactions';
import type {
  CustomerTimelineEntry,
  TimelineKind,
} from '../../../shared/domain/customers/timeline';
import type { Interaction } from '../../../shared/domain/customers/interaction';
import { DomainError } from '../../../shared/domain/errors';
import type { DomainEvent } from '../../../shared/domain/events';
import type { Page, PageRequest } from '../../../shared/domain/pagination';
import type { Campaign } from '../../../shared/domain/surveys/campaign';
import { nextDueAt, type Survey } from '../../../shared/domain/surveys/survey';
import type { CustomerTimeline } from '../../../shared/services/customers/ports';
import type { OutgoingMail } from '../../../shared/services/notifications/ports';
import type {
  CampaignRepository,
  CounterChange,
  SendRateLimiter,
  SuppressionList,
  SurveyAddresses,
  SurveyChange,
  SurveyQueues,
  SurveyRepository,
  SurveyTokenReading,
  SurveyWork,
} from '../../../shared/services/surveys/ports';
import { copy, EventLog, pageOf } from './basics';
import { InMemoryMailer } from './notifications';

/** What `transactWrite` throws when the condition of write `index` failed (all else written not). */
const conditionFailed = (index: number, writes: number): TransactionCancelled =>
  new TransactionCancelled(
    Array.from({ length: writes }, (_, at) => ({
      code: at === index ? 'ConditionalCheckFailed' : 'None',
      item: undefined,
    })),
  );

/**
 * Campaigns in memory with DynamoCampaignRepository's contract: a campaign id is created once (a
 * second create of the id fails as the transaction does, `TransactionCancelled`, writing
 * nothing); with a key, only once per key (false, nothing written); `markEnumerated` keeps the
 * first time and needs the campaign. Counters move only with a survey write (`applyCounters`).
 */
export class InMemoryCampaigns implements CampaignRepository {
  readonly campaigns = new Map<string, Campaign>();
  readonly keys = new Map<string, string>();

  constructor(readonly outbox: EventLog = new EventLog()) {}

  async create(campaign: Campaign, event: DomainEvent, key?: string): Promise<boolean> {
    const keyed = key !== undefined;
    if (keyed && this.keys.has(key)) return false;
    if (this.campaigns.has(campaign.id)) {
      throw keyed ? conditionFailed(1, 3) : conditionFailed(0, 2);
    }
    if (keyed) this.keys.set(key, campaign.id);
    this.campaigns.set(campaign.id, copy(campaign));
    this.outbox.add([copy(event)]);
    return true;
  }

  async get(id: string) {
    const found = this.campaigns.get(id);
    return found && copy(found);
  }

  async markEnumerated(id: string, at: string): Promise<void> {
    const campaign = this.campaigns.get(id);
    if (!campaign) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
      });
    }
    this.campaigns.set(id, { ...campaign, enumeratedAt: campaign.enumeratedAt ?? at });
  }

  /** Whether the counter update's condition (the campaign exists) holds. */
  canCount(change: CounterChange | undefined): boolean {
    return change === undefined || this.campaigns.has(change.campaignId);
  }

  /** `ADD counters.<field> :n, counters.skipped.<reason> :1`, as in the survey's transaction. */
  applyCounters(change: CounterChange | undefined): void {
    if (!change) return;
    const campaign = this.campaigns.get(change.campaignId);
    if (!campaign) throw new Error(`no campaign ${change.campaignId}`);
    const counters = copy(campaign.counters);
    for (const [field, by] of Object.entries(change.add) as [
      keyof CounterChange['add'],
      number | undefined,
    ][]) {
      counters[field] += by ?? 0;
    }
    if (change.skipped) counters.skipped[change.skipped] += 1;
    this.campaigns.set(campaign.id, { ...campaign, counters });
  }
}

/**
 * Surveys in memory with DynamoSurveyRepository's contract: a plan key is claimed once (false,
 * nothing written, when it was); a save replaces the version read with its events, interactions
 * and campaign counters in one write, or fails `stale-version` and writes nothing; a counter of a
 * campaign that does not exist cancels the write. The throttle slot is taken conditionally: free,
 * taken before the cutoff, or already this survey's.
 */
export class InMemorySurveys implements SurveyRepository {
  readonly surveys = new Map<string, Survey>();
  readonly planKeys = new Map<string, string>();
  readonly interactions: Interaction[] = [];
  readonly slots = new Map<string, { lastSentAt: string; surveyId: string }>();
  /** Writes refused as stale, for tests of a lost race. */
  staleRefusals = 0;
  /** Before each save: a test may let another writer in (`beat`). */
  beforeSave: ((next: Survey) => void) | undefined;

  constructor(
    readonly campaigns: InMemoryCampaigns,
    readonly outbox: EventLog = new EventLog(),
  ) {}

  private commit(survey: Survey, change: SurveyChange): void {
    this.surveys.set(survey.id, copy(survey));
    this.interactions.push(...copy(change.interactions ?? []));
    this.outbox.add(copy(change.events ?? []));
    this.campaigns.applyCounters(change.counters);
  }

  /** The index of the counter update in the adapter's transaction (after puts and events). */
  private counterIndex(before: number, change: SurveyChange): number {
    return before + (change.interactions?.length ?? 0) + (change.events?.length ?? 0);
  }

  async plan(survey: Survey, planKey: string, change: SurveyChange = {}): Promise<boolean> {
    if (this.planKeys.has(planKey)) return false;
    const writes = this.counterIndex(2, change) + (change.counters ? 1 : 0);
    if (this.surveys.has(survey.id)) throw conditionFailed(1, writes);
    if (!this.campaigns.canCount(change.counters)) {
      throw conditionFailed(this.counterIndex(2, change), writes);
    }
    this.planKeys.set(planKey, survey.id);
    this.commit(survey, change);
    return true;
  }

  async get(id: string) {
    const found = this.surveys.get(id);
    return found && copy(found);
  }

  async save(previous: Survey, next: Survey, change: SurveyChange = {}): Promise<void> {
    this.beforeSave?.(next);
    if (this.surveys.get(previous.id)?.version !== previous.version) {
      this.staleRefusals += 1;
      throw new DomainError('stale-version', 'The survey was changed meanwhile; read it again.');
    }
    if (!this.campaigns.canCount(change.counters)) {
      const writes = this.counterIndex(1, change) + 1;
      throw conditionFailed(this.counterIndex(1, change), writes);
    }
    this.commit(next, change);
  }

  /** Another writer saving the survey in between: one version on. */
  beat(id: string, change: Partial<Survey> = {}): void {
    const current = this.surveys.get(id);
    if (!current) throw new Error(`no survey ${id}`);
    this.surveys.set(id, { ...current, ...change, version: current.version + 1 });
  }

  async dueIds(until: string, limit: number) {
    return [...this.surveys.values()]
      .map((survey) => ({ id: survey.id, due: nextDueAt(survey) }))
      .filter((entry): entry is { id: string; due: string } => entry.due !== undefined)
      .filter((entry) => entry.due <= until)
      .sort((a, b) => `${a.due}#${a.id}`.localeCompare(`${b.due}#${b.id}`))
      .slice(0, limit)
      .map((entry) => entry.id);
  }

  async listForCustomer(customerId: string, page: PageRequest): Promise<Page<Survey>> {
    const mine = [...this.surveys.values()]
      .filter((survey) => survey.customerId === customerId)
      .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
    return pageOf(mine.map(copy), page);
  }

  async lastSurveyedAt(customerId: string) {
    return this.slots.get(customerId)?.lastSentAt;
  }

  async claimSurveySlot(customerId: string, surveyId: string, at: string, cutoff: string) {
    const slot = this.slots.get(customerId);
    if (slot && slot.lastSentAt > cutoff && slot.surveyId !== surveyId) return false;
    this.slots.set(customerId, { lastSentAt: at, surveyId });
    return true;
  }
}

/**
 * DynamoSuppressionList in memory: addresses compare trimmed and lower-case; an address is
 * suppressed once, with its event (a second time writes nothing and answers false).
 */
export class InMemorySuppressions implements SuppressionList {
  readonly suppressed = new Map<string, { feedback: 'bounce' | 'complaint'; at: string }>();

  constructor(readonly outbox: EventLog = new EventLog()) {}

  async isSuppressed(email: string) {
    return this.suppressed.has(email.trim().toLowerCase());
  }

  async suppress(
    email: string,
    reason: { feedback: 'bounce' | 'complaint'; at: string },
    event: DomainEvent,
  ) {
    const key = email.trim().toLowerCase();
    if (this.suppressed.has(key)) return false;
    this.suppressed.set(key, { ...reason });
    this.outbox.add([copy(event)]);
    return true;
  }
}

/** A send rate that never waits; it remembers the rate each send asked for. */
export class RecordingSendRate implements SendRateLimiter {
  readonly acquired: number[] = [];
  async acquire(ratePerSecond: number) {
    this.acquired.push(ratePerSecond);
  }
}

/** The survey queues as lists: the sending work and the campaign pages asked for, in order. */
export class InMemorySurveyQueues implements SurveyQueues {
  readonly work: SurveyWork[] = [];
  readonly pages: { campaignId: string; cursor: string }[] = [];

  async send(work: SurveyWork[]) {
    this.work.push(...copy(work));
  }
  async continueCampaign(campaignId: string, cursor: string) {
    this.pages.push({ campaignId, cursor });
  }

  /** Takes the queued work (as the consumer receives it), leaving the queue empty. */
  drain(): SurveyWork[] {
    return this.work.splice(0);
  }
}

const BASE_URL = 'https://kefu.test';
const REPLY_DOMAIN = 'reply.kefu.test';

/**
 * Survey links and reply addresses without keys: only tokens and addresses this fake issued are
 * genuine (anything else reads as forged / names no survey); a token names its survey and
 * expires at the given time, and an expired one still names its survey, as the signed tokens do.
 */
export class FakeSurveyAddresses implements SurveyAddresses {
  private readonly tokens = new Map<string, { surveyId: string; expiresAt: string }>();
  private readonly replies = new Map<string, string>();

  async answerToken(surveyId: string, expiresAt: Date) {
    const token = `t${this.tokens.size + 1}.${surveyId}`;
    this.tokens.set(token, { surveyId, expiresAt: expiresAt.toISOString() });
    return token;
  }

  async readAnswerToken(token: string, now: Date): Promise<SurveyTokenReading> {
    const issued = this.tokens.get(token);
    if (!issued) return { valid: false, reason: 'forged' };
    return issued.expiresAt <= now.toISOString()
      ? { valid: false, reason: 'expired', surveyId: issued.surveyId }
      : { valid: true, surveyId: issued.surveyId };
  }

  answerUrl(token: string, score?: number) {
    return `${BASE_URL}/s/${encodeURIComponent(token)}${score ? `?score=${score}` : ''}`;
  }

  unsubscribeUrl(token: string) {
    return `${BASE_URL}/s/${encodeURIComponent(token)}/unsubscribe`;
  }

  async replyAddress(surveyId: string) {
    const address = `s.${surveyId.toLowerCase()}@${REPLY_DOMAIN}`;
    this.replies.set(address, surveyId);
    return address;
  }

  async surveyOfReplyAddress(address: string) {
    return this.replies.get(address.toLowerCase());
  }

  /** The token of a mail's answer links, read back from its List-Unsubscribe header. */
  tokenOf(mail: OutgoingMail): string {
    const header = mail.headers?.['List-Unsubscribe'] ?? '';
    const match = /\/s\/([^/]+)\/unsubscribe>$/.exec(header);
    if (!match?.[1]) throw new Error(`no survey link in ${header}`);
    return decodeURIComponent(match[1]);
  }
}

/**
 * The mailer with SES's permanent refusals too: an address in `rejectFor` throws an error named
 * `MessageRejected`, as SESv2 does (`failFor` stays the transient, unnamed failure).
 */
export class RejectingMailer extends InMemoryMailer {
  readonly rejectFor = new Set<string>();

  override async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    if (this.rejectFor.has(mail.to)) {
      const error = new Error(`Email address is not verified: ${mail.to}`);
      error.name = 'MessageRejected';
      throw error;
    }
    return super.send(mail);
  }
}

/** DynamoCustomerTimeline in memory: a line is written once per (customer, time, key). */
export class InMemoryCustomerTimeline implements CustomerTimeline {
  readonly entries: CustomerTimelineEntry[] = [];

  async record(entries: CustomerTimelineEntry[]) {
    for (const entry of entries) {
      const exists = this.entries.some(
        (kept) =>
          kept.customerId === entry.customerId && kept.at === entry.at && kept.key === entry.key,
      );
      if (!exists) this.entries.push(copy(entry));
    }
  }

  async list(customerId: string, kind: TimelineKind | undefined, page: PageRequest) {
    const lines = this.entries
      .filter((entry) => entry.customerId === customerId)
      .filter((entry) => kind === undefined || entry.kind === kind)
      .sort((a, b) => `${b.at}#${b.key}`.localeCompare(`${a.at}#${a.key}`));
    return pageOf(lines.map(copy), page);
  }
}
