import { Duration, NestedStack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  CorsHttpMethod,
  type CorsPreflightOptions,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  functionName,
  oauthScope,
  type Operation,
  type WiringManifest,
} from '../../wiring/manifest';
import type { Auth } from './auth';
import type { HandlerFunctions } from './functions';
import { routeKey } from './manifest';
import { acknowledge } from './nag';
import { routeThrottle, type StageSettings } from './stage';

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

/** Why a route without scopes has no authorizer (the cdk-nag acknowledgement's reason). */
const publicRouteReason = (route: Operation): string => {
  const intro =
    `"${routeKey(route)}" is public by design: the wiring manifest gives it no scopes. ` +
    `It serves "${route.summary}"`;
  // The survey pages `/s/{token}…` and the complaint pages `/c/{token}…`, opened from emails.
  if (route.path.includes('{token}')) {
    return (
      `${intro}, reached from a link in an email by customers who have no account to sign in ` +
      'with. The signed token in the path is the authorization: the handler rejects a token ' +
      'whose signature does not check out and acts on the one survey or complaint it names only.'
    );
  }
  return `${intro}, which holds no personal data.`;
};

export interface KefuHttpApiProps {
  settings: StageSettings;
  manifest: WiringManifest;
  functions: HandlerFunctions;
  auth: Auth;
  /** Encrypts the access logs (which hold callers' IP addresses). */
  logsKey: kms.IKey;
}

/** What a browser may send beyond the CORS-safelisted headers: the API's request headers. */
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-none-match',
];
/** Response headers a browser app may read beyond the safelisted ones. */
export const CORS_EXPOSE_HEADERS = ['etag', 'location', 'retry-after'];
/** How long a browser may cache a preflight answer. */
export const CORS_MAX_AGE = Duration.hours(1);

/**
 * CORS for the stage's configured browser origins only (`corsOrigins`), with the methods the
 * manifest's routes use. "If you configure CORS for an API, API Gateway automatically sends a
 * response to preflight OPTIONS requests, even if there isn't an OPTIONS route configured for
 * your API" (API Gateway Developer Guide, "Configure CORS for HTTP APIs"), so no OPTIONS route
 * and no authorizer stands in the preflight's way. Credentials stay off: tokens travel in
 * `Authorization`, never in cookies. No origin configured: no CORS configuration at all, so
 * browsers on other origins are refused.
 */
export const corsPreflight = (
  manifest: WiringManifest,
  settings: StageSettings,
): CorsPreflightOptions | undefined => {
  const origins = settings.callers.corsOrigins;
  if (origins.length === 0) return undefined;
  const methods = [...new Set(manifest.routes.map((route) => route.method))].sort();
  return {
    allowOrigins: [...origins],
    allowMethods: methods.map((method) => CorsHttpMethod[method]),
    allowHeaders: CORS_ALLOW_HEADERS,
    exposeHeaders: CORS_EXPOSE_HEADERS,
    allowCredentials: false,
    maxAge: CORS_MAX_AGE,
  };
};

/** `RouteSettings` of an HTTP API stage: throttling per route key. */
const routeSettings = (manifest: WiringManifest, settings: StageSettings) =>
  Object.fromEntries(
    manifest.routes.map((route) => {
      const { rateLimit, burstLimit } = routeThrottle(route, settings);
      return [
        routeKey(route),
        { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
      ];
    }),
  );

/**
 * The HTTP API: one route per manifest route, and no `$default` route (unmatched requests get API
 * Gateway's own 404). Secured routes (any scopes) go through the Cognito JWT authorizer, which
 * admits a token holding any one of the route's scopes (the handlers then demand all); public
 * routes (no scopes) have no authorizer. The `$default` stage throttles every route (public ones tighter, see
 * `StageSettings.routeThrottle`; the stage-wide limits stay the default) and writes JSON access
 * logs, encrypted with the operations key.
 *
 * The routes, their Lambda integrations and invoke permissions (three resources per route) live
 * in the nested stack `Routes`, which keeps the main stack under CloudFormation's limit of 500
 * resources. The API, its stage and authorizer stay in the main stack: the functions refer to
 * the API's endpoint (`PUBLIC_BASE_URL`), and the routes refer to the functions, so only this
 * split has no cycle.
 */
export class KefuHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly routes: NestedStack;

  constructor(scope: Construct, id: string, props: KefuHttpApiProps) {
    super(scope, id);
    const { settings, manifest, functions, auth } = props;

    // The JWT's audience: every integrator client and the staff client (never empty, so CDK
    // never adds a client of its own). Cognito access tokens carry no `aud`; API Gateway then
    // checks their `client_id` against this list (API Gateway Developer Guide, "Control access
    // to HTTP APIs with JWT authorizers").
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', auth.userPool, {
      authorizerName: 'cognito',
      userPoolClients: [...auth.integratorClients.map((c) => c.client), auth.staffClient],
    });
    const cors = corsPreflight(manifest, settings);
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `kefu-${settings.stage}`,
      description: `Kefu ${settings.stage}: customer-service API`,
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
      ...(cors ? { corsPreflight: cors } : {}),
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: settings.logRetention,
      encryptionKey: props.logsKey,
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

    this.routes = new NestedStack(this, 'Routes', {
      description: `Kefu ${settings.stage}: the HTTP API's routes, integrations and invoke permissions`,
    });
    for (const route of manifest.routes) {
      const secured = route.scopes.length > 0;
      const created = new HttpRoute(this.routes, `${route.method}${route.path}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(route.handler),
        ...(secured
          ? { authorizer, authorizationScopes: route.scopes.map(oauthScope) }
          : { authorizer: new HttpNoneAuthorizer() }),
      });
      if (!secured) acknowledge(created, 'AwsSolutions-APIG4', publicRouteReason(route));
    }

    // Route-level throttling. API Gateway rejects settings for a route key that does not exist
    // yet, so the stage is deployed after the routes' nested stack.
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = routeSettings(manifest, settings);
    cfnStage.node.addDependency(this.routes);
  }

  get url(): string {
    return this.stage.url;
  }
}
