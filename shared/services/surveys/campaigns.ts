import {
  type Audience,
  type Campaign,
  campaignStatus,
  inAudience,
  quarterlyCampaignDue,
  startCampaign,
} from '../../domain/surveys/campaign';
import { surveyEligibility } from '../../domain/surveys/eligibility';
import { scheduleSurvey, skippedSurvey } from '../../domain/surveys/survey';
import { notFound } from '../../domain/errors';
import { businessCalendar } from '../complaints/calendar-source';
import type { SurveyServiceDeps, SurveyWork } from './ports';
import { surveyEvent } from './events';
import { noticesOfConsents } from '../customers/customer-service';
import { surveySettings } from './settings';

/** Customers read per campaign message: small enough for one invocation, large enough to be quick. */
export const CAMPAIGN_PAGE_SIZE = 100;

const begin = async (
  deps: SurveyServiceDeps,
  input: { name: string; trigger: Campaign['trigger']; audience: Audience; createdBy: string },
  key?: string,
): Promise<Campaign | undefined> => {
  const now = deps.clock.now();
  const campaign = startCampaign(deps.ids.next(), input, now);
  const event = surveyEvent(deps.ids, 'SurveyCampaignStarted', now.toISOString(), {
    campaignId: campaign.id,
    trigger: campaign.trigger,
  });
  return (await deps.campaigns.create(campaign, event, key)) ? campaign : undefined;
};

/** `POST /survey-campaigns`: a campaign started by hand over an audience. */
export const startCampaignByHand = async (
  deps: SurveyServiceDeps,
  input: { name?: string | undefined; audience: Audience },
  createdBy: string,
): Promise<Campaign> => {
  const name = input.name ?? `Survey ${deps.clock.now().toISOString().slice(0, 10)}`;
  const campaign = await begin(deps, {
    name,
    trigger: 'manual',
    audience: input.audience,
    createdBy,
  });
  if (!campaign) throw new Error('an unkeyed campaign cannot already exist');
  return campaign;
};

/**
 * The quarterly schedule fires daily early in each quarter; on the quarter's first working day
 * (default business calendar) it starts that quarter's campaign, once.
 */
export const startQuarterlyCampaign = async (
  deps: SurveyServiceDeps,
): Promise<{ started?: string; reason: string }> => {
  const settings = await surveySettings(deps);
  if (!settings.quarterlyCampaign) return { reason: 'quarterly campaigns are switched off' };
  const calendar = await businessCalendar(deps.organization, undefined);
  const key = quarterlyCampaignDue(deps.clock.now(), calendar);
  if (!key) return { reason: 'not the first working day of a quarter' };
  const campaign = await begin(
    deps,
    { name: key, trigger: 'schedule', audience: {}, createdBy: 'schedule' },
    key,
  );
  return campaign
    ? { started: campaign.id, reason: key }
    : { reason: `${key} was already started` };
};

const lastServiceAt = async (deps: SurveyServiceDeps, customerId: string) =>
  (await deps.services.listForCustomer(customerId, { limit: 1 })).items[0]?.completedAt;

/**
 * One page of a campaign's audience: each customer in it gets a survey record, scheduled when
 * eligible (and queued for sending) or skipped with the reason, counted on the campaign in the
 * same write. The next page is queued as its own message; the last marks the campaign enumerated.
 * A redelivered page plans nobody twice (one plan key per campaign and customer).
 */
export const enumerateCampaignPage = async (
  deps: SurveyServiceDeps,
  campaignId: string,
  cursor: string | undefined,
): Promise<{ planned: number; skipped: number; more: boolean } | undefined> => {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) return undefined;
  const settings = await surveySettings(deps);
  const now = deps.clock.now();
  const page = await deps.customers.list({
    limit: CAMPAIGN_PAGE_SIZE,
    after: cursor ? (JSON.parse(cursor) as Record<string, unknown>) : undefined,
  });
  const notices = await noticesOfConsents(deps, page.items);
  const work: SurveyWork[] = [];
  let planned = 0;
  let skipped = 0;
  for (const customer of page.items) {
    const needsService = campaign.audience.lastServiceWithinDays !== undefined;
    const last = needsService ? await lastServiceAt(deps, customer.id) : undefined;
    if (!inAudience(customer, campaign.audience, last, now)) continue;
    const suppressed = customer.email
      ? await deps.suppressions.isSuppressed(customer.email)
      : false;
    const eligibility = surveyEligibility({
      customer,
      suppressed: () => suppressed,
      lastSurveyedAt: await deps.surveys.lastSurveyedAt(customer.id),
      now,
      throttleDays: settings.throttleDays,
      noticeOf: (id) => notices.get(id),
    });
    const facts = { customerId: customer.id, kind: 'quarterly' as const, campaignId };
    const survey = eligibility.eligible
      ? scheduleSurvey(deps.ids.next(), facts, now, now)
      : skippedSurvey(deps.ids.next(), facts, eligibility.reason, now);
    const fresh = await deps.surveys.plan(survey, `campaign:${campaignId}:${customer.id}`, {
      counters: {
        campaignId,
        add: { planned: 1 },
        ...(eligibility.eligible ? {} : { skipped: eligibility.reason }),
      },
    });
    if (!fresh) continue;
    if (eligibility.eligible) {
      planned++;
      work.push({ surveyId: survey.id, purpose: 'survey' });
    } else {
      skipped++;
    }
  }
  await deps.queues.send(work);
  if (page.next) {
    await deps.queues.continueCampaign(campaignId, JSON.stringify(page.next));
  } else {
    await deps.campaigns.markEnumerated(campaignId, now.toISOString());
  }
  return { planned, skipped, more: page.next !== undefined };
};

/** `GET /survey-campaigns/{id}`: the campaign with its counters and current status. */
export const campaignProgress = async (
  deps: Pick<SurveyServiceDeps, 'campaigns'>,
  id: string,
): Promise<Campaign> => {
  const campaign = await deps.campaigns.get(id);
  if (!campaign) throw notFound('Survey campaign', id);
  return { ...campaign, status: campaignStatus(campaign) };
};
