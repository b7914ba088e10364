import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Operation } from '../../wiring/manifest';
import { DEFAULT_STAGE_CONFIG, type StageConfig } from './stage-config';

/** Lower-case, starts with a letter, 2–16 characters: it ends up in resource and domain names. */
export const STAGE_PATTERN = /^[a-z][a-z0-9-]{1,15}$/;

export const parseStage = (raw: unknown): string => {
  const stage = raw ?? 'dev';
  if (typeof stage !== 'string' || !STAGE_PATTERN.test(stage)) {
    throw new Error(
      `invalid stage ${JSON.stringify(stage)}: use -c stage=<name> matching ${STAGE_PATTERN.source}`,
    );
  }
  return stage;
};

/** API Gateway throttling: steady requests per second and the burst above it. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

/**
 * When the CloudWatch alarms fire (`infra/stack/monitoring.ts`); each notifies the
 * `kefu-<stage>-alarms` topic. docs/RUNBOOK.md says what to do about each.
 */
export interface AlarmSettings {
  /** The period of the function and API alarms. */
  period: Duration;
  /** Lambda `Errors` of one function within one period at which it alarms (≥). */
  functionErrors: number;
  /** Lambda `Throttles` of one function within one period at which it alarms (≥). */
  functionThrottles: number;
  /** Share of API requests answered with a 5xx within one period, in percent, that alarms (≥). */
  api5xxPercent: number;
  /**
   * Periods with fewer API requests than this never alarm on the 5xx rate: one failed request
   * of three is not an outage.
   */
  api5xxMinimumRequests: number;
  /** p99 of the HTTP API's `Latency` (request in to response out) that alarms (≥). */
  apiLatencyP99: Duration;
  /** Consecutive periods the p99 must stay at or above `apiLatencyP99` before it alarms. */
  apiLatencyPeriods: number;
  /** SLA breaches raised by the sweep within one clock hour that alarm (≥; the `SlaBreaches` metric). */
  slaBreachesPerHour: number;
  /**
   * SES `Reputation.BounceRate` (a fraction of the account's representative volume: 0.05 is 5 %)
   * that alarms (≥). AWS puts the account under review at 5 % and may pause sending at 10 %.
   */
  sesBounceRate: number;
  /**
   * SES `Reputation.ComplaintRate` (a fraction: 0.001 is 0.1 %) that alarms (≥). AWS reviews at
   * 0.1 % and may pause sending at 0.5 %.
   */
  sesComplaintRate: number;
}

/** What differs between a throwaway `dev` stage and every other (shared, kept) stage. */
export interface StageSettings {
  stage: string;
  /** Keep data stores on stack deletion and protect them against deletion. */
  retainData: boolean;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
  /** API Gateway stage-wide throttling: the default of every route without its own limits. */
  throttle: Throttle;
  /**
   * Per-route throttling. Every route gets its own limits: routes with scopes (Cognito JWT) the
   * `authenticated` ones, routes without scopes (the public survey and complaint pages `/s/{token}…`, `/c/{token}…`, which
   * anyone holding a link can call without signing in, and the OpenAPI document) the tighter
   * `public` ones.
   */
  routeThrottle: { authenticated: Throttle; public: Throttle };
  /**
   * Days of point-in-time recovery kept for the tables (DynamoDB allows 1–35). Deliberately
   * short: see `DataStores` (restores must not bring back customers erased since).
   */
  pointInTimeRecoveryDays: number;
  /** How long a failed message may wait in a dead-letter queue before SQS drops it. */
  deadLetterRetention: Duration;
  /** Sender and reply-to addresses; the sender's domain must be a verified SES identity. */
  mail: MailSettings;
  /** Alarm thresholds. */
  alarms: AlarmSettings;
  /**
   * Base of the public survey links (`<base>/s/<token>`), without a trailing slash. Absent: the
   * HTTP API's default endpoint is used.
   */
  publicBaseUrl?: string;
  /**
   * Who may call: the integrators and their scopes, the staff client's redirect URLs, the CORS
   * origins (`infra/stages/<stage>.json`, see `stage-config.ts`; defaults: nobody, nothing).
   */
  callers: StageConfig;
}

/** The limits of one route: public routes (no scopes) get the tighter ones. */
export const routeThrottle = (route: Operation, settings: StageSettings): Throttle =>
  route.scopes.length > 0 ? settings.routeThrottle.authenticated : settings.routeThrottle.public;

export interface MailSettings {
  from: string;
  complaintsReplyTo: string;
  /**
   * The domain of survey replies: each survey's Reply-To is its own address there
   * (`s.<id>.<mac>@<domain>`), and SES receives all mail to the domain.
   */
  surveyRepliesDomain: string;
}

const ADDRESS = /^[^\s@<>]+@([a-z0-9-]+(\.[a-z0-9-]+)+)$/i;
/** A fully qualified domain name: at least two labels of letters, digits and inner hyphens. */
const DOMAIN =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * `-c mailFrom=service@example.com -c complaintsReplyTo=complaints@example.com
 * -c surveyRepliesDomain=surveys.example.com` (default: `surveys.<sender domain>`).
 */
export const parseMailSettings = (
  from: unknown,
  replyTo: unknown,
  surveyReplies?: unknown,
): MailSettings => {
  const sender = from ?? 'service@kefu.example.com';
  if (typeof sender !== 'string' || !ADDRESS.test(sender)) {
    throw new Error(`invalid mailFrom ${JSON.stringify(sender)}: use -c mailFrom=name@your-domain`);
  }
  const domain = sender.split('@')[1];
  const reply = replyTo ?? `complaints@${domain}`;
  if (typeof reply !== 'string' || !ADDRESS.test(reply)) {
    throw new Error(`invalid complaintsReplyTo ${JSON.stringify(reply)}`);
  }
  const surveyDomain = surveyReplies ?? `surveys.${domain}`;
  if (typeof surveyDomain !== 'string' || !DOMAIN.test(surveyDomain)) {
    throw new Error(
      `invalid surveyRepliesDomain ${JSON.stringify(surveyDomain)}: use -c surveyRepliesDomain=<domain>`,
    );
  }
  // SES receives every address of the survey domain: the complaints address must not be one,
  // or both receipt rules would take the same mail.
  if (reply.split('@')[1]?.toLowerCase() === surveyDomain.toLowerCase()) {
    throw new Error(
      `complaintsReplyTo ${reply} is at the surveyRepliesDomain ${surveyDomain}: use another domain`,
    );
  }
  return {
    from: sender,
    complaintsReplyTo: reply,
    surveyRepliesDomain: surveyDomain.toLowerCase(),
  };
};

/**
 * `-c publicBaseUrl=https://kefu.example.com`: where the public survey pages are reached (a
 * custom domain of the HTTP API). Absent: the API's default endpoint. An https URL without query
 * or fragment; trailing slashes are dropped.
 */
export const parsePublicBaseUrl = (raw: unknown): string | undefined => {
  if (raw === undefined) return undefined;
  const invalid = () =>
    new Error(
      `invalid publicBaseUrl ${JSON.stringify(raw)}: use -c publicBaseUrl=https://<host>[/<path>]`,
    );
  if (typeof raw !== 'string') throw invalid();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid();
  }
  if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password) {
    throw invalid();
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
};

/** The SES identity that must be verified to send as `mail.from`. */
export const senderDomain = (mail: MailSettings): string => mail.from.split('@')[1] ?? '';

export const stageSettings = (
  stage: string,
  mail: MailSettings = parseMailSettings(undefined, undefined),
  publicBaseUrl?: string,
  callers: StageConfig = DEFAULT_STAGE_CONFIG,
): StageSettings => {
  const disposable = stage === 'dev';
  return {
    stage,
    retainData: !disposable,
    removalPolicy: disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    logRetention: disposable ? RetentionDays.TWO_WEEKS : RetentionDays.SIX_MONTHS,
    throttle: disposable
      ? { rateLimit: 50, burstLimit: 100 }
      : { rateLimit: 500, burstLimit: 1000 },
    routeThrottle: disposable
      ? {
          authenticated: { rateLimit: 25, burstLimit: 50 },
          public: { rateLimit: 5, burstLimit: 10 },
        }
      : {
          authenticated: { rateLimit: 200, burstLimit: 400 },
          public: { rateLimit: 20, burstLimit: 40 },
        },
    pointInTimeRecoveryDays: disposable ? 1 : 7,
    deadLetterRetention: Duration.days(14),
    mail,
    // dev tolerates more before paging anyone; shared stages alarm on the first sign.
    alarms: {
      period: Duration.minutes(5),
      functionErrors: disposable ? 5 : 1,
      functionThrottles: disposable ? 5 : 1,
      api5xxPercent: disposable ? 5 : 1,
      api5xxMinimumRequests: disposable ? 20 : 50,
      apiLatencyP99: disposable ? Duration.seconds(5) : Duration.seconds(2),
      apiLatencyPeriods: 3,
      slaBreachesPerHour: disposable ? 20 : 5,
      // SES reputation is per account and region, whatever the stage: warn before AWS reviews.
      sesBounceRate: 0.04,
      sesComplaintRate: 0.0008,
    },
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    callers,
  };
};
