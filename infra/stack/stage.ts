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
}

export const stageSettings = (stage: string): StageSettings => {
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
  };
};
