import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

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

/** What differs between a throwaway `dev` stage and every other (shared, kept) stage. */
export interface StageSettings {
  stage: string;
  /** Keep data stores on stack deletion and protect them against deletion. */
  retainData: boolean;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
  /** API Gateway stage-wide throttling (requests per second, burst). */
  throttle: { rateLimit: number; burstLimit: number };
  /** How long a failed message may wait in a dead-letter queue before SQS drops it. */
  deadLetterRetention: Duration;
  /** Sender and reply-to addresses; the sender's domain must be a verified SES identity. */
  mail: MailSettings;
}

export interface MailSettings {
  from: string;
  complaintsReplyTo: string;
}

const ADDRESS = /^[^\s@<>]+@([a-z0-9-]+(\.[a-z0-9-]+)+)$/i;

/** `-c mailFrom=service@example.com -c complaintsReplyTo=complaints@example.com`. */
export const parseMailSettings = (from: unknown, replyTo: unknown): MailSettings => {
  const sender = from ?? 'service@kefu.example.com';
  if (typeof sender !== 'string' || !ADDRESS.test(sender)) {
    throw new Error(`invalid mailFrom ${JSON.stringify(sender)}: use -c mailFrom=name@your-domain`);
  }
  const domain = sender.split('@')[1];
  const reply = replyTo ?? `complaints@${domain}`;
  if (typeof reply !== 'string' || !ADDRESS.test(reply)) {
    throw new Error(`invalid complaintsReplyTo ${JSON.stringify(reply)}`);
  }
  return { from: sender, complaintsReplyTo: reply };
};

/** The SES identity that must be verified to send as `mail.from`. */
export const senderDomain = (mail: MailSettings): string => mail.from.split('@')[1] ?? '';

export const stageSettings = (
  stage: string,
  mail: MailSettings = parseMailSettings(undefined, undefined),
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
    deadLetterRetention: Duration.days(14),
    mail,
  };
};
