import { CfnOutput, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { wiring, type WiringManifest } from '../../wiring/manifest';
import { KefuHttpApi } from './api';
import { Auth } from './auth';
import { DataStores } from './data';
import { DomainEvents } from './events';
import { HandlerFunctions } from './functions';
import { activateRuleSetCommand, InboundMail, RAW_MAIL_RETENTION } from './inbound-mail';
import { MailFeedback } from './mail-feedback';
import { DeadLetterQueue } from './dead-letter-queue';
import { checkManifest } from './manifest';
import { dashboardName, Monitoring } from './monitoring';
import { Operations } from './operations';
import { WorkQueues } from './queues';
import { Schedules } from './schedules';
import { type MailSettings, stageSettings } from './stage';
import type { StageConfig } from './stage-config';
import { StreamConsumers } from './streams';

/** `IntegratorCrmG1ClientId`: the output of one integrator generation's app-client id. */
export const integratorOutputId = (name: string, generation: number): string =>
  `Integrator${name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}G${generation}ClientId`;

export interface KefuStackProps extends StackProps {
  /** Validated stage name (`dev`, `prod`, …): names resources and decides what is retained. */
  stage: string;
  /** What to wire; the real manifest unless a test passes a variant. */
  manifest?: WiringManifest;
  /** Sender and reply-to addresses (defaults: example addresses, fine for synthesis). */
  mail?: MailSettings;
  /** Base of public survey links (`-c publicBaseUrl`); default: the HTTP API's own endpoint. */
  publicBaseUrl?: string;
  /** Integrators, staff client URLs, CORS origins (`infra/stages/<stage>.json`); default: none. */
  callers?: StageConfig;
}

/**
 * Kefu in one stack, built entirely from the wiring manifest and the table design. Four nested
 * stacks keep it under CloudFormation's 500 resources: `Messaging` (queues, DLQs, alarms, event
 * rules, SES feedback), `FunctionLogs` (one log group per function), `Api/Routes` (routes,
 * integrations, invoke permissions) and `Monitoring` (function, API, SLA and SES alarms, the
 * dashboard). They only refer to this stack; the
 * functions, data, API and everything else live here.
 */
export class KefuStack extends Stack {
  readonly data: DataStores;
  readonly auth: Auth;
  readonly api: KefuHttpApi;
  readonly functions: HandlerFunctions;
  readonly operations: Operations;
  readonly monitoring: Monitoring;
  readonly mailFeedback: MailFeedback;
  /** Absent when the manifest has no inbound mail. */
  readonly inboundMail?: InboundMail;

  constructor(scope: Construct, id: string, props: KefuStackProps) {
    super(scope, id, props);
    const settings = stageSettings(props.stage, props.mail, props.publicBaseUrl, props.callers);
    const manifest = props.manifest ?? wiring;
    checkManifest(manifest);

    this.data = new DataStores(this, 'Data', settings);
    this.operations = new Operations(this, 'Operations', settings);
    this.auth = new Auth(this, 'Auth', settings);
    const domainEvents = new DomainEvents(this, 'Events', settings);
    // Queues, their DLQs and alarms, the event rules feeding them and SES feedback form a nested
    // stack: with the API's routes (see KefuHttpApi) it keeps this stack under CloudFormation's
    // limit of 500 resources. Nothing in it refers to a function.
    const messaging = new NestedStack(this, 'Messaging', {
      description:
        `Kefu ${settings.stage}: work queues with their DLQs and alarms, event rules, ` +
        'SES bounce and complaint feedback',
    });
    this.mailFeedback = new MailFeedback(messaging, 'MailFeedback', settings);
    // The functions' log groups, one each, form a nested stack of their own (a hundred
    // resources this stack would otherwise hold); nothing in it refers back.
    const functionLogs = new NestedStack(this, 'FunctionLogs', {
      description: `Kefu ${settings.stage}: one encrypted log group per function`,
    });
    this.functions = new HandlerFunctions(this, 'Functions', {
      logs: functionLogs,
      settings,
      manifest,
      data: this.data,
      bus: domainEvents.bus,
      configurationSet: this.mailFeedback.configurationSet,
      logsKey: this.operations.key,
      // Integrators only: the staff client's tokens carry a role, and a role-less token from it
      // is nobody's.
      integratorClientIds: this.auth.integratorClientIds,
      staffIdentity: `cognito:${this.auth.userPool.userPoolId}`,
      staffIdentityPool: this.auth.userPool,
    });
    this.auth.attachTriggers(manifest.cognitoTriggers, (handler) => this.functions.get(handler));
    const queues = new WorkQueues(messaging, 'Queues', {
      settings,
      manifest,
      functions: this.functions,
    });
    domainEvents.routeToQueues(messaging, manifest.eventRules, queues);
    this.mailFeedback.deliverTo(queues.get(manifest.mailFeedback.queue));
    // The schedules (each with a role and its policy) form a nested stack as well: they refer to
    // functions, nothing refers to them, and the main stack had no room left for another function.
    const scheduling = new NestedStack(this, 'Scheduling', {
      description: `Kefu ${settings.stage}: EventBridge Scheduler schedules and the roles they run with`,
    });
    new Schedules(scheduling, 'Schedules', { settings, manifest, functions: this.functions });
    new StreamConsumers(this, 'Streams', {
      settings,
      manifest,
      functions: this.functions,
      table: this.data.table,
    });
    this.api = new KefuHttpApi(this, 'Api', {
      settings,
      manifest,
      functions: this.functions,
      auth: this.auth,
      logsKey: this.operations.key,
    });
    // The API's default endpoint references no function, so the functions may reference it.
    const publicBaseUrl = settings.publicBaseUrl ?? this.api.api.apiEndpoint;
    this.functions.setPublicBaseUrl(publicBaseUrl);
    if (manifest.inboundMail.length > 0) {
      this.inboundMail = new InboundMail(this, 'InboundMail', {
        settings,
        manifest,
        functions: this.functions,
      });
    }
    this.functions.acknowledgePolicyFindings();
    // Two alarms per function would take this stack past 500 resources: the alarms beyond the
    // dead-letter queues' and the dashboard form a nested stack, which names functions and
    // queues by their physical names and so needs no parameter for each.
    const monitoring = new NestedStack(this, 'Monitoring', {
      description:
        `Kefu ${settings.stage}: alarms on functions, the API, SLA breaches and SES ` +
        'reputation; the dashboard',
    });
    this.monitoring = new Monitoring(monitoring, 'Monitoring', {
      settings,
      manifest,
      api: this.api.api,
      deadLetterQueues: this.node
        .findAll()
        .filter((construct) => construct instanceof DeadLetterQueue),
    });
    // Every alarm (dead-letter queues, functions, API, SLA, SES; here and in the nested stacks)
    // notifies operators.
    this.operations.notifyOnAlarms(this);

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', this.api.url, 'Base URL of the HTTP API');
    output('UserPoolId', this.auth.userPool.userPoolId, 'Cognito user pool');
    for (const { name, generation, client } of this.auth.integratorClients) {
      output(
        integratorOutputId(name, generation),
        client.userPoolClientId,
        `Client-credentials app client of integrator ${name}, generation ${generation} ` +
          '(secret: aws cognito-idp describe-user-pool-client)',
      );
    }
    output(
      'StaffClientId',
      this.auth.staffClient.userPoolClientId,
      this.auth.staffSignIn
        ? 'Public app client of the staff app (authorization code with PKCE, managed login)'
        : 'Public app client of the staff app: no sign-in until infra/stages/<stage>.json lists callback URLs',
    );
    output(
      'AuthorizeEndpoint',
      this.auth.authorizeEndpoint,
      'Managed login: where the staff app sends browsers to sign in (OAuth2 authorize endpoint)',
    );
    output(
      'TokenEndpoint',
      this.auth.tokenEndpoint,
      'OAuth2 token endpoint (client_credentials for integrators, authorization_code for staff)',
    );
    output('TableName', this.data.table.tableName, 'The single DynamoDB table');
    output(
      'PersonalDataKeyArn',
      this.data.personalDataKey.keyArn,
      "KMS key wrapping each customer's data key (erasure deletes the wrapped key)",
    );
    output(
      'AlarmTopicArn',
      this.operations.alarmTopic.topicArn,
      'Every alarm notifies this SNS topic: subscribe the on-call channel to it',
    );
    output(
      'DashboardName',
      dashboardName(settings.stage),
      'CloudWatch dashboard: API, queues, functions and business metrics',
    );
    output('EventBusName', domainEvents.bus.eventBusName, 'The domain event bus');
    output('PublicBaseUrl', publicBaseUrl, 'Base of the public survey links (-c publicBaseUrl)');
    output(
      'SesConfigurationSet',
      this.mailFeedback.configurationSet.configurationSetName,
      'Every email is sent with it; bounces and complaints reach the mail-feedback queue',
    );
    output(
      'SurveyRepliesDomain',
      settings.mail.surveyRepliesDomain,
      "Survey replies are received at any address of this domain: point its MX record at SES's inbound endpoint",
    );
    if (this.inboundMail) {
      output(
        'InboundMailBucketName',
        this.inboundMail.bucket.bucketName,
        `Raw inbound emails (expire after ${RAW_MAIL_RETENTION.toDays()} days)`,
      );
      // CloudFormation cannot activate an SES receipt rule set (and Kefu uses no custom
      // resource for it): DevOps runs this once per stage, after the first deployment.
      output(
        'InboundMailActivation',
        activateRuleSetCommand(settings.stage),
        `Run once after the first deployment: CloudFormation cannot activate the SES receipt ` +
          `rule set ${this.inboundMail.ruleSetName} (only one set is active per account and region).`,
      );
    }
  }
}
