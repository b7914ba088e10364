import { App, Tags, Validations } from 'aws-cdk-lib';
import { KefuStack } from './stack/kefu-stack';
import { nagPacks } from './stack/nag';
import { parseMailSettings, parsePublicBaseUrl, parseStage } from './stack/stage';
import { loadStageConfig } from './stack/stage-config';

/**
 * `npx cdk synth|deploy -c stage=<name>`: one Kefu stack per stage. Synthesis needs no AWS
 * credentials; the account and region come from the CLI's environment when it has them.
 * Further context: `mailFrom`, `complaintsReplyTo`, `surveyRepliesDomain` (default
 * `surveys.<sender domain>`) and `publicBaseUrl` (default: the HTTP API's endpoint). Who may
 * call (integrators and their scopes, the staff client's URLs, CORS origins) is not context but
 * `infra/stages/<stage>.json`, reviewed in git (`infra/stack/stage-config.ts`).
 */
const app = new App();
const stage = parseStage(app.node.tryGetContext('stage'));

new KefuStack(app, `kefu-${stage}`, {
  stage,
  mail: parseMailSettings(
    app.node.tryGetContext('mailFrom'),
    app.node.tryGetContext('complaintsReplyTo'),
    app.node.tryGetContext('surveyRepliesDomain'),
  ),
  publicBaseUrl: parsePublicBaseUrl(app.node.tryGetContext('publicBaseUrl')),
  callers: loadStageConfig(stage),
  description: `Kefu customer-service backend (${stage})`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Tags.of(app).add('project', 'kefu');
Tags.of(app).add('stage', stage);

// cdk-nag v3 runs as policy-validation plugins: an unacknowledged error fails the synthesis.
Validations.of(app).addPlugins(...nagPacks(app));
