import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queueUrlVariable } from '../../infra/wiring';
import type { SurveyQueues, SurveyWork } from '../services/surveys/deps';

let client: SQSClient | undefined;
// The regional endpoint (or AWS_ENDPOINT_URL_SQS locally), not the queue URL's host: the emulator's
// queue URLs name a host that is not an address.
const sqs = () => (client ??= new SQSClient({ useQueueUrlAsEndpoint: false }));

/** SQS takes at most 10 messages per batch call. */
const BATCH = 10;
const ATTEMPTS = 3;

const queueUrl = (queue: string): string => {
  const variable = queueUrlVariable(queue);
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set`);
  return url;
};

/**
 * Sends messages in batches of ten; entries SQS refuses are sent again (twice at most) and a
 * remaining refusal throws, so the caller's message is retried rather than work lost.
 */
export const sendMessages = async (queue: string, bodies: string[]): Promise<void> => {
  const url = queueUrl(queue);
  for (let start = 0; start < bodies.length; start += BATCH) {
    let entries = bodies
      .slice(start, start + BATCH)
      .map((body, index) => ({ Id: String(index), MessageBody: body }));
    for (let attempt = 1; entries.length > 0; attempt++) {
      const { Failed = [] } = await sqs().send(
        new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }),
      );
      if (Failed.length === 0) break;
      if (attempt >= ATTEMPTS) {
        throw new Error(`${Failed.length} messages refused by ${queue}: ${Failed[0]?.Code}`);
      }
      const failed = new Set(Failed.map((entry) => entry.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
    }
  }
};

export const SURVEY_SENDING_QUEUE = 'survey-sending';
export const SURVEY_CAMPAIGNS_QUEUE = 'survey-campaigns';

export const sqsSurveyQueues: SurveyQueues = {
  send: (work: SurveyWork[]) =>
    sendMessages(
      SURVEY_SENDING_QUEUE,
      work.map((item) => JSON.stringify(item)),
    ),
  continueCampaign: (campaignId: string, cursor: string) =>
    sendMessages(SURVEY_CAMPAIGNS_QUEUE, [JSON.stringify({ campaignId, cursor })]),
};
