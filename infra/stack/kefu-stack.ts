import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { wiring, type WiringManifest } from '../wiring';
import { KefuHttpApi } from './api';
import { Auth } from './auth';
import { DataStores } from './data';
import { DomainEvents } from './events';
import { HandlerFunctions } from './functions';
import { activateRuleSetCommand, InboundMail, RAW_MAIL_RETENTION } from './inbound-mail';
import { checkManifest } from './manifest';
import { WorkQueues } from './queues';
import { Schedules } from './schedules';
import { type MailSettings, stageSettings } from './stage';
import { StreamConsumers } from './streams';

export interface KefuStackProps extends StackProps {
  /** Validated stage name (`dev`, `prod`, …): names resources and decides what is retained. */
  stage: string;
  /** What to wire; the real manifest unless a test passes a variant. */
  manifest?: WiringManifest;
  /** Sender and reply-to addresses (defaults: example addresses, fine for synthesis). */
  mail?: MailSettings;
}

/** Kefu in one stack, built entirely from the wiring manifest and the table design. */
export class KefuStack extends Stack {
  readonly data: DataStores;
  readonly auth: Auth;
  readonly api: KefuHttpApi;
  readonly functions: HandlerFunctions;
  /** Absent when the manifest has no inbound mail. */
  readonly inboundMail?: InboundMail;

  constructor(scope: Construct, id: string, props: KefuStackProps) {
    super(scope, id, props);
    const settings = stageSettings(props.stage, props.mail);
    const manifest = props.manifest ?? wiring;
    checkManifest(manifest);

    this.data = new DataStores(this, 'Data', settings);
    this.auth = new Auth(this, 'Auth', settings);
    const domainEvents = new DomainEvents(this, 'Events', settings);
    this.functions = new HandlerFunctions(this, 'Functions', {
      settings,
      manifest,
      data: this.data,
      bus: domainEvents.bus,
    });
    const queues = new WorkQueues(this, 'Queues', {
      settings,
      manifest,
      functions: this.functions,
    });
    domainEvents.routeToQueues(manifest.eventRules, queues);
    new Schedules(this, 'Schedules', { settings, manifest, functions: this.functions });
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
    });
    if (manifest.inboundMail.length > 0) {
      this.inboundMail = new InboundMail(this, 'InboundMail', {
        settings,
        manifest,
        functions: this.functions,
      });
    }
    this.functions.acknowledgeInherentWildcards();

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', this.api.url, 'Base URL of the HTTP API');
    output('UserPoolId', this.auth.userPool.userPoolId, 'Cognito user pool');
    output(
      'IntegratorClientId',
      this.auth.integratorClient.userPoolClientId,
      'Client-credentials app client for integrators (secret in the Cognito console)',
    );
    output('TokenEndpoint', this.auth.tokenEndpoint, 'OAuth2 token endpoint (client_credentials)');
    output('TableName', this.data.table.tableName, 'The single DynamoDB table');
    output('EventBusName', domainEvents.bus.eventBusName, 'The domain event bus');
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
