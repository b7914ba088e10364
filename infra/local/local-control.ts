import { advanceSystemClock, systemClock } from '../../shared/adapters/clock';
import type { LocalEventBus } from './event-bus-local';
import type { LocalRouteHandler } from './gateway';
import type { LocalInboundMail } from './inbound-mail-local';
import type { LocalScheduler } from './scheduler';
import { SignInRefused, type StaffSignIn } from './local-issuer';
import { readFeedbackRequest, type SesFeedbackRequest } from './ses-feedback-local';

const MAX_ADVANCE_HOURS = 24 * 366;

const STAFF_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** `{ staffId, scopes? }`, or what is wrong with it. */
const readSignIn = (body: unknown): StaffSignIn | string => {
  const { staffId, scopes } = (body ?? {}) as { staffId?: unknown; scopes?: unknown };
  if (typeof staffId !== 'string' || !STAFF_ID.test(staffId)) {
    return 'staffId: a staff id (letters, digits, dot, dash, underscore; at most 64)';
  }
  if (
    scopes !== undefined &&
    (!Array.isArray(scopes) || scopes.length > 20 || scopes.some((s) => typeof s !== 'string'))
  ) {
    return 'scopes: a list of at most 20 scope names';
  }
  return { staffId, ...(scopes ? { scopes: scopes as string[] } : {}) };
};

const problem = (status: number, slug: string, title: string, detail: string) => ({
  status,
  body: { type: `/problems/${slug}`, title, status, detail },
});

/**
 * `/_local/*`: list the schedules with their next fire time, fire one now, move the clock forward (schedules and queue visibility timers
 * with it), see recent bus events, receive an
 * email, have SES report a bounce or complaint. These exist
 * only in the local runtime, so deadlines and revisits can be shown and tested end to end.
 */
export const localControl =
  (
    scheduler: LocalScheduler,
    bus: LocalEventBus,
    inbound: LocalInboundMail,
    mailFeedback: (feedback: SesFeedbackRequest) => Promise<string>,
    /** Moves the queues' visibility timers forward too; returns how many messages came due. */
    advanceQueues: (ms: number) => Promise<number> = async () => 0,
    /** A staff member's sign-in (local-issuer.ts): the token Cognito would issue, or its refusal. */
    signIn?: (request: StaffSignIn) => Promise<unknown>,
  ): LocalRouteHandler =>
  async (method, path, body) => {
    if (method === 'POST' && path === '/_local/sign-in' && signIn) {
      const request = readSignIn(body);
      if (typeof request === 'string') {
        return problem(400, 'validation-failed', 'The request is not valid', request);
      }
      try {
        return { status: 200, body: await signIn(request) };
      } catch (error) {
        if (!(error instanceof SignInRefused)) throw error;
        return problem(
          400,
          'sign-in-refused',
          'Cognito would not sign this person in',
          error.message,
        );
      }
    }
    if (method === 'POST' && path === '/_local/inbound-email') {
      if (!Buffer.isBuffer(body) || body.length === 0) {
        return problem(
          415,
          'unsupported-media-type',
          'Send a raw email',
          'POST the message as message/rfc822.',
        );
      }
      const delivered = await inbound.deliver(body);
      if (delivered.length === 0) {
        return problem(
          422,
          'no-such-recipient',
          'No receipt rule takes this message',
          `Address it To: ${process.env.COMPLAINTS_REPLY_TO} (complaints) or to a survey's reply address @${process.env.SURVEY_REPLY_DOMAIN}.`,
        );
      }
      return { status: 202, body: delivered };
    }
    if (method === 'POST' && path === '/_local/ses-feedback') {
      const feedback = readFeedbackRequest(body);
      if (typeof feedback === 'string') {
        return problem(400, 'validation-failed', 'The request is not valid', feedback);
      }
      return { status: 202, body: { messageId: await mailFeedback(feedback) } };
    }
    if (method === 'GET' && path === '/_local/schedules') {
      return {
        status: 200,
        body: { now: systemClock.now().toISOString(), items: scheduler.list() },
      };
    }
    const schedule = /^\/_local\/schedules\/([\w-]+)\/run$/.exec(path);
    if (method === 'POST' && schedule?.[1]) {
      const result = await scheduler.run(schedule[1]);
      if (result === undefined) {
        return problem(
          404,
          'not-found',
          'No such schedule',
          `Schedules: ${scheduler.names().join(', ') || 'none yet'}.`,
        );
      }
      return { status: 200, body: result };
    }
    if (method === 'POST' && path === '/_local/clock/advance') {
      const hours = (body as { hours?: unknown } | undefined)?.hours;
      if (
        typeof hours !== 'number' ||
        !Number.isFinite(hours) ||
        hours <= 0 ||
        hours > MAX_ADVANCE_HOURS
      ) {
        return problem(
          400,
          'validation-failed',
          'The request is not valid',
          `hours must be a number above 0 and at most ${MAX_ADVANCE_HOURS}.`,
        );
      }
      const from = systemClock.now();
      advanceSystemClock(hours * 3_600_000);
      const now = systemClock.now();
      const postponedMessagesDue = await advanceQueues(hours * 3_600_000);
      const firedSchedules = await scheduler.clockAdvanced(from, now);
      return {
        status: 200,
        body: { now: now.toISOString(), firedSchedules, postponedMessagesDue },
      };
    }
    if (method === 'GET' && path === '/_local/clock') {
      return { status: 200, body: { now: systemClock.now().toISOString() } };
    }
    if (method === 'GET' && path === '/_local/events') {
      return { status: 200, body: { items: [...bus.recent].reverse() } };
    }
    return undefined;
  };
