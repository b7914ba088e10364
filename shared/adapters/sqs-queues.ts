import {
  ChangeMessageVisibilityCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { dlqName, queueUrlVariable } from '../../wiring/names';
import type { SurveyQueues, SurveyWork } from '../services/surveys/ports';
import { requiredVariable } from './environment';

let client: SQSClient | undefined;
// The regional endpoint (or AWS_ENDPOINT_URL_SQS locally), not the queue URL's host: the emulator's
// queue URLs name a host that is not an address.
const sqs = () => (client ??= new SQSClient({ useQueueUrlAsEndpoint: false }));

/** SQS takes at most 10 messages per batch call. */
const BATCH = 10;
const ATTEMPTS = 3;

const queueUrl = (queue: string): string => {
  return requiredVariable(queueUrlVariable(queue));
};

/** A message for a FIFO queue: its group (order is kept within it) and deduplication id. */
export interface GroupedMessage {
  body: string;
  groupId: string;
  deduplicationId: string;
}

/**
 * Sends messages in batches of ten; entries SQS refuses are sent again (twice at most) and a
 * remaining refusal throws, so the caller's message is retried rather than work lost.
 */
export const sendMessages = (queue: string, bodies: string[]): Promise<void> => {
  const url = queueUrl(queue);
  if (url.endsWith('.fifo')) throw new Error(`${queue} is FIFO: send with sendGroupedMessages`);
  return sendEntries(
    queue,
    url,
    bodies.map((body) => ({ MessageBody: body })),
  );
};

/** Sends to a FIFO queue, whose messages need a group and a deduplication id. */
export const sendGroupedMessages = (
  queue: string,
  messages: GroupedMessage[],
  options: { toDeadLetterQueue?: boolean } = {},
): Promise<void> =>
  sendEntries(
    queue,
    queueUrl(options.toDeadLetterQueue ? dlqName(queue, true) : queue),
    messages.map((message) => ({
      MessageBody: message.body,
      MessageGroupId: message.groupId,
      // SQS allows 128 characters of [A-Za-z0-9] and punctuation.
      MessageDeduplicationId: message.deduplicationId.slice(0, 128),
    })),
  );

/**
 * Keeps a received message out of sight for `seconds` (at most 12 hours): the message comes back
 * then, with its receive count one higher. This is how a consumer retries later without losing
 * its place, in a FIFO group or anywhere.
 */
export const postponeMessage = async (
  queue: string,
  receiptHandle: string,
  seconds: number,
): Promise<void> => {
  await sqs().send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl(queue),
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: Math.min(Math.max(Math.round(seconds), 0), 12 * 3600),
    }),
  );
};

const sendEntries = async (
  queue: string,
  url: string,
  messages: Omit<SendMessageBatchRequestEntry, 'Id'>[],
): Promise<void> => {
  for (let start = 0; start < messages.length; start += BATCH) {
    let entries = messages
      .slice(start, start + BATCH)
      .map((message, index) => ({ ...message, Id: String(index) }));
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
