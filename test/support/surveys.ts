import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import {
  api,
  emailsTo,
  eventually,
  newCustomer,
  readWrite,
  type SentEmail,
  stack,
  tokenFor,
} from './harness';

export const surveysToken = () =>
  tokenFor(['surveys:read', 'surveys:write', 'customers:read', 'customers:write']);
export const adminToken = () => tokenFor(['admin']);

export interface SurveyView {
  id: string;
  customerId: string;
  kind: string;
  campaignId?: string;
  about?: { type: string; id: string; department?: string; agentId?: string };
  status: string;
  sendAt: string;
  sentAt?: string;
  expiresAt?: string;
  remindedAt?: string;
  skipReason?: string;
  answer?: { score: number; comment?: string; via: string; firstAnsweredAt: string };
  unreadReply?: { text: string };
  automaticReplies?: { receivedAt: string; subject: string; signal: string }[];
  followUpComplaintId?: string;
}

export interface CampaignView {
  id: string;
  status: string;
  counters: {
    planned: number;
    sent: number;
    skipped: Record<string, number>;
    failed: number;
    answered: number;
    reminded: number;
  };
}

let sqs: SQSClient | undefined;

/** Puts a message straight on a manifest queue, as a redelivery or a stray message would arrive. */
export const sendToQueue = async (queue: string, body: unknown) => {
  sqs ??= new SQSClient({
    endpoint: stack.urls.sqs,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const url = stack.queueUrls[queue];
  if (!url) throw new Error(`no queue ${queue}`);
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: url,
      MessageBody: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
};

/** An event as an EventBridge rule delivers it to SQS, in Kefu's envelope. */
export const busMessage = (
  type: string,
  source: string,
  data: Record<string, unknown>,
  eventId: string,
  occurredAt = new Date().toISOString(),
) => ({
  version: '0',
  id: eventId,
  'detail-type': type,
  source,
  account: '000000000000',
  time: occurredAt,
  region: 'us-east-1',
  resources: [],
  detail: { eventId, occurredAt, data },
});

export const surveysOf = async (customerId: string, token: string) =>
  (await api<{ items: SurveyView[] }>(`/customers/${customerId}/surveys?limit=100`, { token })).body
    .items;

export const survey = async (id: string, token: string) =>
  (await api<SurveyView>(`/surveys/${id}`, { token })).body;

/** The survey email sent to an address (exactly one expected), once it has arrived. */
export const surveyEmailTo = (address: string) =>
  eventually(async () => {
    const emails = (await emailsTo(address)).filter((email) =>
      /满意度调查|滿意度調查|How satisfied/.test(email.subject),
    );
    return emails.length > 0 ? emails : undefined;
  }, `a survey email to ${address}`);

/** The answer link (token) in a survey email, with or without a score. */
export const answerLinkIn = (email: SentEmail, score?: number): string => {
  const links = [
    ...(email.body.text ?? '').matchAll(/http:\/\/localhost:\d+(\/s\/[^\s?]+)(\?score=\d)?/g),
  ];
  const link = links.find((match) => (score ? match[2] === `?score=${score}` : !match[2]));
  if (!link?.[1]) throw new Error(`no ${score ?? 'comment'} link in ${email.body.text}`);
  return `${link[1]}${link[2] ?? ''}`;
};

export const tokenOf = (link: string) => link.replace(/^\/s\//, '').replace(/[/?].*$/, '');

export const headerOf = (email: SentEmail, name: string) =>
  email.headers?.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value;

/** Sets the survey settings for a test and gives back a function that restores the previous. */
export const withSurveySettings = async (change: Record<string, unknown>) => {
  const token = await adminToken();
  const current = await api<{ settings: Record<string, unknown> }>('/survey-settings', { token });
  const set = await api('/survey-settings', {
    method: 'PUT',
    token,
    body: { ...current.body.settings, ...change },
  });
  if (set.status !== 200) throw new Error(`cannot set survey settings: ${set.text}`);
  return async () => {
    await api('/survey-settings', { method: 'PUT', token, body: current.body.settings });
  };
};

/** Submits the answer form as a browser would. */
export const postForm = (path: string, fields: Record<string, string>) =>
  fetch(`${stack.urls.api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

export const clockNow = async () =>
  Date.parse((await api<{ now: string }>('/_local/clock')).body.now);

export const advanceClock = (hours: number) =>
  api('/_local/clock/advance', { method: 'POST', body: { hours } });

export interface Surveyed {
  customerId: string;
  email: string;
  survey: SurveyView;
  link: (score?: number) => string;
  replyTo: string;
}

/** Customers (tagged `<tag>-<count>`) who were each sent a survey by one campaign. */
export const surveyedCustomersTagged = async (
  tag: string,
  count: number,
  overrides: Record<string, unknown> = {},
): Promise<Surveyed[]> => {
  const token = await readWrite();
  const customers = await Promise.all(
    Array.from({ length: count }, async () => {
      const response = await api<{ id: string; email: string }>('/customers', {
        token,
        body: newCustomer({ tags: [`${tag}-${count}`], ...overrides }),
      });
      return response.body;
    }),
  );
  const surveys = await surveysToken();
  const campaign = await api<CampaignView>('/survey-campaigns', {
    token: surveys,
    body: { audience: { tags: [`${tag}-${count}`] } },
  });
  if (campaign.status !== 202) throw new Error(`campaign refused: ${campaign.text}`);
  const result: Surveyed[] = [];
  for (const customer of customers) {
    const [email] = await surveyEmailTo(customer.email);
    const [sent] = await surveysOf(customer.id, surveys);
    result.push({
      customerId: customer.id,
      email: customer.email,
      survey: sent!,
      link: (score?: number) => answerLinkIn(email!, score),
      replyTo: email!.replyTo[0]!,
    });
  }
  return result;
};
