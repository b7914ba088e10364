import { DomainError } from '../errors';

/** Channels a contact with the customer can happen on (沟通记录: time, channel, need, result). */
export const INTERACTION_CHANNELS = [
  'phone',
  'email',
  'web',
  'social',
  'in_person',
  'api',
  'sms',
  'wechat',
] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

/** What a contact recorded by Kefu itself was about: a complaint, a revisit, a survey. */
export interface InteractionSubject {
  type: 'complaint' | 'revisit' | 'survey';
  id: string;
}

export interface Interaction {
  id: string;
  customerId: string;
  channel: InteractionChannel;
  occurredAt: string;
  need: string;
  result?: string;
  staff?: string;
  /** Set on contacts Kefu records as part of other work (an email, a revisit call, a survey). */
  regarding?: InteractionSubject;
  recordedAt: string;
  recordedBy: string;
}

/** Who records the contacts of received emails (complaint mail, survey replies). */
export const INBOUND_MAIL_RECORDER = 'inbound-mail';

export interface NewInteraction {
  channel: InteractionChannel;
  occurredAt: string;
  need: string;
  result?: string | undefined;
  staff?: string | undefined;
}

/** Agents' clocks drift; a contact a few minutes "in the future" is still accepted. */
const ALLOWED_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const recordInteraction = (
  id: string,
  customerId: string,
  input: NewInteraction,
  recordedBy: string,
  now: Date,
): Interaction => {
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime() + ALLOWED_CLOCK_SKEW_MS) {
    throw new DomainError('rule-violated', 'An interaction cannot have happened in the future.', {
      fields: ['occurredAt'],
    });
  }
  return {
    id,
    customerId,
    channel: input.channel,
    occurredAt: occurredAt.toISOString(),
    need: input.need.trim(),
    ...(input.result ? { result: input.result.trim() } : {}),
    ...(input.staff ? { staff: input.staff } : {}),
    recordedAt: now.toISOString(),
    recordedBy,
  };
};
