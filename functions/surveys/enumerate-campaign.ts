import { parseBusEvent } from '../../shared/messaging/bus-event';
import { parseWork, workConsumer } from '../../shared/messaging/work-consumer';
import { enumerateCampaignPage } from '../../shared/services/surveys/campaigns';
import { ULID_PATTERN } from '../../shared/domain/ids';
import * as z from '../../shared/zod';
import { surveyDeps } from './survey-deps';

const nextPage = z.strictObject({
  campaignId: z.string().check(z.regex(ULID_PATTERN)),
  cursor: z.string().check(z.minLength(2), z.maxLength(4096)),
});

/** The first page comes as SurveyCampaignStarted from the bus, each later one as our own message. */
const readPage = (body: string): { campaignId: string; cursor?: string } => {
  if (body.includes('"detail-type"')) {
    const event = parseBusEvent(body);
    if (event.type !== 'SurveyCampaignStarted') return { campaignId: '' };
    return { campaignId: event.data.campaignId };
  }
  return parseWork(nextPage, body);
};

/** survey-campaigns queue: one page of a campaign's audience per message. */
export const handler = workConsumer('enumerate-campaign', readPage, async (page) => {
  if (!page.campaignId) return 'ignored';
  const result = await enumerateCampaignPage(surveyDeps(), page.campaignId, page.cursor);
  if (!result) return 'unknown campaign';
  return `planned ${result.planned}, skipped ${result.skipped}${result.more ? ', more to come' : ', last page'}`;
});
