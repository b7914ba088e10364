import { KEY_VARIABLES } from './key-material';

/**
 * Every environment variable a handler reads, declared once: `handlerEnvironment`
 * (infra/handler-environment.ts) sets them for CDK and for the local runtime alike, and the
 * adapters read them by these names.
 */
export const ENVIRONMENT = {
  table: 'TABLE_NAME',
  idempotencyTable: 'IDEMPOTENCY_TABLE_NAME',
  eventBus: 'EVENT_BUS_NAME',
  /** The `stage` dimension of the business metrics. */
  stage: 'KEFU_STAGE',
  mailFrom: 'MAIL_FROM',
  complaintsReplyTo: 'COMPLAINTS_REPLY_TO',
  surveyReplyDomain: 'SURVEY_REPLY_DOMAIN',
  /** Only for functions that send email: the configuration set that reports bounces. */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** The base of public links (surveys, complaint progress), without a trailing slash. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** Only for the inbound-mail handlers: the bucket SES stores raw emails in. */
  inboundMailBucket: 'INBOUND_MAIL_BUCKET',
  /**
   * The integrators' app-client ids, comma separated: a role-less token is an integrator's only
   * when its `client_id` is one of them (shared/http/principal.ts).
   */
  integratorClients: 'KEFU_INTEGRATOR_CLIENT_IDS',
  /**
   * Only for the handlers that manage staff sign-in accounts: where those accounts live,
   * `cognito:<user pool id>` in AWS, `file:///…/users.json` for the local runtime.
   */
  staffIdentity: 'KEFU_STAFF_IDENTITY',
  ...KEY_VARIABLES,
} as const;

export type EnvironmentVariable = (typeof ENVIRONMENT)[keyof typeof ENVIRONMENT];

/** A variable the handler cannot work without: its value, or an error naming it. */
export const requiredVariable = (variable: EnvironmentVariable | `QUEUE_URL_${string}`): string => {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set`);
  return value;
};

/** A variable that may be absent. */
export const optionalVariable = (variable: EnvironmentVariable): string | undefined =>
  process.env[variable] || undefined;
