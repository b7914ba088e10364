import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { RESOURCE_SERVER_IDENTIFIER, SCOPES, type Scope } from '../../wiring/manifest';
import { acknowledge } from './nag';
import type { StageSettings } from './stage';

/**
 * How Kefu's scopes map to Cognito. A resource server's scopes always reach the access token as
 * `<resource-server identifier>/<scope name>`: Cognito inserts the `/` itself, so no choice of
 * identifier and scope name can make the `scope` claim read exactly `customers:read` (the only
 * way would be a V3 pre-token-generation trigger rewriting the scopes of every token). Kefu keeps
 * the scope names of the manifest verbatim under one resource server `kefu`, so the claim reads
 * `kefu/customers:read`. The HTTP API authorizer requires these full names (`oauthScope` in
 * wiring.ts); the handlers' principal drops the prefix before its own check.
 */
const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'customers:read': 'Read customer archives and their contact timelines',
  'customers:write': 'Create and correct customers, record contacts',
  'complaints:read': 'Read complaints, departments and staff',
  'complaints:write': 'File complaints and act on them',
  admin: 'Configure departments, staff and routing rules',
  'revisits:read': 'Read revisit worklists',
  'revisits:write': 'Record revisit outcomes',
  'surveys:read': 'Read surveys, their answers and campaign progress',
  'surveys:write': 'Start survey campaigns',
  'reports:read': 'Read service-quality reports',
  'customers:erase': 'Erase customers for good (data-protection officers)',
  'audit:read': "Read who accessed customers' personal data",
  'webhooks:manage': 'Subscribe to events by signed webhook, and manage those subscriptions',
};

/**
 * Who may call the API: a Cognito user pool with no self sign-up, the `kefu` resource server with
 * every manifest scope, a client-credentials app client for integrators and the hosted domain
 * that serves the token endpoint.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly integratorClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly tokenEndpoint: string;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const { stage, retainData, removalPolicy } = settings;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `kefu-${stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: retainData,
      removalPolicy,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'The pool only issues client-credentials tokens to integrators today; the Plus plan ' +
        "adds threat protection for users' sign-ins, which machine-to-machine grants do not " +
        'go through. Revisit when staff sign in through this pool.',
    );

    const scopes = Object.values(SCOPES).map(
      (name) =>
        new cognito.ResourceServerScope({
          scopeName: name,
          scopeDescription: SCOPE_DESCRIPTIONS[name],
        }),
    );
    const resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER_IDENTIFIER,
      userPoolResourceServerName: `Kefu API ${stage}`,
      scopes,
    });

    this.integratorClient = this.userPool.addClient('IntegratorClient', {
      userPoolClientName: 'integrators',
      generateSecret: true,
      // Client credentials only: no user sign-in flow (refresh is the one Cognito always keeps).
      authFlows: { userPassword: false, userSrp: false, custom: false, adminUserPassword: false },
      oAuth: {
        flows: { clientCredentials: true },
        scopes: scopes.map((s) => cognito.OAuthScope.resourceServer(resourceServer, s)),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `kefu-${stage}-${Stack.of(this).account}` },
    });
    this.tokenEndpoint = `${this.domain.baseUrl()}/oauth2/token`;
  }
}
