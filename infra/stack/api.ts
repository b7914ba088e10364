import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionName, oauthScope, type WiringManifest } from '../wiring';
import type { Auth } from './auth';
import type { HandlerFunctions } from './functions';
import { routeKey } from './manifest';
import { acknowledge } from './nag';
import type { StageSettings } from './stage';

/** One JSON object per request; HTTP API `$context` variables only. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    clientId: '$context.authorizer.claims.client_id',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
    integrationLatency: '$context.integrationLatency',
    responseLatency: '$context.responseLatency',
    responseLength: '$context.responseLength',
  }),
);

export interface KefuHttpApiProps {
  settings: StageSettings;
  manifest: WiringManifest;
  functions: HandlerFunctions;
  auth: Auth;
}

/**
 * The HTTP API: one route per manifest route. Secured routes (any scopes) go through the Cognito
 * JWT authorizer, which demands every scope of the route; public routes (no scopes) have no
 * authorizer. The `$default` stage is throttled and writes JSON access logs.
 */
export class KefuHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: KefuHttpApiProps) {
    super(scope, id);
    const { settings, manifest, functions, auth } = props;

    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', auth.userPool, {
      authorizerName: 'cognito',
      userPoolClients: [auth.integratorClient],
    });
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `kefu-${settings.stage}`,
      description: `Kefu ${settings.stage}: customer-service API`,
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (handler: string): HttpLambdaIntegration => {
      let integration = integrations.get(handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(functionName(handler), functions.get(handler), {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(handler, integration);
      }
      return integration;
    };

    for (const route of manifest.routes) {
      const secured = route.scopes.length > 0;
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.handler),
        ...(secured
          ? { authorizationScopes: route.scopes.map(oauthScope) }
          : { authorizer: new HttpNoneAuthorizer() }),
      });
      if (!secured && created) {
        acknowledge(
          created,
          'AwsSolutions-APIG4',
          `"${routeKey(route)}" is public by design: the wiring manifest gives it no scopes. ` +
            `It serves "${route.summary}"; a public route serves no personal data, or checks ` +
            'a signed, expiring token of its own.',
        );
      }
    }
  }

  get url(): string {
    return this.stage.url;
  }
}
