import { Duration, Stack } from 'aws-cdk-lib';
import { STAFF_ACCESS_TOKEN_MINUTES, STAFF_REFRESH_TOKEN_HOURS } from '../token-lifetimes';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  type CognitoTriggerDefinition,
  RESOURCE_SERVER_IDENTIFIER,
  SCOPES,
  type Scope,
} from '../../wiring/manifest';
import { acknowledge } from './nag';
import type { StageSettings } from './stage';
import { integratorClientName } from './stage-config';

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
  'improvements:read': 'Read improvement actions and trainings',
  'improvements:write': 'Plan and work improvement actions and trainings',
  'customers:erase': 'Erase customers for good (data-protection officers)',
  'audit:read': "Read who accessed customers' personal data",
  'webhooks:manage': 'Subscribe to events by signed webhook, and manage those subscriptions',
};

/** One live generation of one configured integrator: its own app client and secret. */
export interface IntegratorClient {
  name: string;
  generation: number;
  scopes: Scope[];
  client: cognito.UserPoolClient;
}

const STAFF_ACCESS_TOKEN_VALIDITY = Duration.minutes(STAFF_ACCESS_TOKEN_MINUTES);
const STAFF_REFRESH_TOKEN_VALIDITY = Duration.hours(STAFF_REFRESH_TOKEN_HOURS);

/**
 * Who may call the API: a Cognito user pool with no self sign-up, the `kefu` resource server with
 * every manifest scope, one client-credentials app client per configured integrator generation
 * (`infra/stages/<stage>.json`), the staff app client (authorization code with PKCE through
 * managed login) and the domain that serves the token endpoint and the sign-in pages.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly integratorClients: IntegratorClient[];
  readonly staffClient: cognito.UserPoolClient;
  /** Whether the staff client has managed-login sign-in (callback URLs are configured). */
  readonly staffSignIn: boolean;
  readonly domain: cognito.UserPoolDomain;
  readonly tokenEndpoint: string;
  /** Managed login's authorization endpoint, where the staff app sends browsers to sign in. */
  readonly authorizeEndpoint: string;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const { stage, retainData, removalPolicy, callers } = settings;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `kefu-${stage}`,
      selfSignUpEnabled: false,
      // The username is the staff id (PUT /staff/{staffId} creates the user so, and the pre-token
      // trigger reads the /staff record by it); people may sign in with their email too. A pool
      // with email as *the* username refuses AdminCreateUser with any other username and gives
      // every user a UUID as username instead. Changing this replaces the pool (see RUNBOOK).
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
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
      // Essentials, not Lite: the V2_0 pre-token-generation event, which customises access
      // tokens, needs "the Essentials or Plus feature plan" (Amazon Cognito Developer Guide, "Pre
      // token generation Lambda trigger"), and so does managed login: "In the Lite feature plan,
      // the classic hosted UI is your only option" (Developer Guide, "User pool managed login").
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: retainData,
      removalPolicy,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Essentials rather than Plus: staff now sign in through managed login, but every account ' +
        'is created by an administrator (no self sign-up), must pass TOTP MFA on every sign-in ' +
        '(MFA required, no SMS) and holds a 15-minute access token; adaptive authentication ' +
        "would at most demand the second factor that every sign-in already demands. Plus's " +
        'compromised-credential check is the part this leaves out; integrators use client ' +
        'credentials, which threat protection does not cover at all.',
    );

    const scopes = Object.values(SCOPES).map(
      (name) =>
        new cognito.ResourceServerScope({
          scopeName: name,
          scopeDescription: SCOPE_DESCRIPTIONS[name],
        }),
    );
    const scopeByName = new Map(scopes.map((s) => [s.scopeName, s]));
    const resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER_IDENTIFIER,
      userPoolResourceServerName: `Kefu API ${stage}`,
      scopes,
    });
    const oauthScopes = (names: readonly Scope[]) =>
      names.map((name) => {
        const found = scopeByName.get(name);
        if (!found) throw new Error(`no resource-server scope ${name}`);
        return cognito.OAuthScope.resourceServer(resourceServer, found);
      });

    // One app client per live generation of each integrator, allowed exactly its configured
    // scopes. A client-credentials request without `scope` then gets all of them: "If the client
    // doesn't request any scopes, the authentication server uses all custom scopes associated
    // with the client" (Amazon Cognito Developer Guide, "Token endpoint", parameter `scope`);
    // any scope the client was not given is ignored, so no request can widen it.
    this.integratorClients = Object.entries(callers.integrators).flatMap(([name, integrator]) =>
      integrator.generations.map((generation) => ({
        name,
        generation,
        scopes: [...integrator.scopes],
        client: this.userPool.addClient(`Integrator-${name}-${generation}`, {
          userPoolClientName: integratorClientName(name, generation),
          generateSecret: true,
          // Client credentials only: no user sign-in flow (refresh is the one Cognito always keeps).
          authFlows: {
            userPassword: false,
            userSrp: false,
            custom: false,
            adminUserPassword: false,
          },
          oAuth: {
            flows: { clientCredentials: true },
            scopes: oauthScopes(integrator.scopes),
          },
          supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
          accessTokenValidity: Duration.hours(1),
          preventUserExistenceErrors: true,
          enableTokenRevocation: true,
        }),
      })),
    );

    // Staff sign in in the browser: authorization code with PKCE, a public client (a browser app
    // keeps no secret). Cognito lets the client ask for every Kefu scope; the pre-token trigger
    // removes what the staff member's role may not hold. The code flow needs at least one
    // callback URL (CDK refuses an empty list, and would otherwise put https://example.com in):
    // until the stage configures one, the client exists, so its id is stable and in the
    // authorizer's audience, but has OAuth switched off, so it cannot sign anyone in.
    const { callbackUrls, logoutUrls } = callers.staffClient;
    this.staffSignIn = callbackUrls.length > 0;
    this.staffClient = this.userPool.addClient('StaffClient', {
      userPoolClientName: 'staff',
      generateSecret: false,
      // Passwords go through SRP on the managed-login pages; no plain-password API flow, and
      // no flow at all while sign-in is off.
      authFlows: {
        userPassword: false,
        userSrp: this.staffSignIn,
        custom: false,
        adminUserPassword: false,
      },
      ...(this.staffSignIn
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [
                cognito.OAuthScope.OPENID,
                cognito.OAuthScope.EMAIL,
                cognito.OAuthScope.PROFILE,
                ...oauthScopes(Object.values(SCOPES)),
              ],
              callbackUrls,
              ...(logoutUrls.length > 0 ? { logoutUrls } : {}),
            },
          }
        : { disableOAuth: true }),
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: STAFF_ACCESS_TOKEN_VALIDITY,
      idTokenValidity: STAFF_ACCESS_TOKEN_VALIDITY,
      refreshTokenValidity: STAFF_REFRESH_TOKEN_VALIDITY,
      preventUserExistenceErrors: true,
      // Offboarding signs the staff member out everywhere (AdminUserGlobalSignOut): their
      // refresh tokens stop working at once.
      enableTokenRevocation: true,
    });

    this.domain = this.userPool.addDomain('Domain', {
      // A prefix of its own: the pool with email as username that came before (kept on shared
      // stages) still holds `kefu-<stage>-<account>` while this pool's domain is created.
      cognitoDomain: { domainPrefix: `kefu-${stage}-staff-${Stack.of(this).account}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    if (this.staffSignIn) {
      // Managed login serves an app client's pages once a branding style is assigned to it
      // (AWS::Cognito::ManagedLoginBranding "creates a new set of branding settings for a user
      // pool style and associates it with an app client"): Cognito's default style.
      const branding = new cognito.CfnManagedLoginBranding(this, 'StaffLoginBranding', {
        userPoolId: this.userPool.userPoolId,
        clientId: this.staffClient.userPoolClientId,
        useCognitoProvidedValues: true,
      });
      branding.node.addDependency(this.domain);
    }
    this.tokenEndpoint = `${this.domain.baseUrl()}/oauth2/token`;
    this.authorizeEndpoint = `${this.domain.baseUrl()}/oauth2/authorize`;
  }

  /**
   * Attaches the manifest's Cognito triggers, each the function HandlerFunctions built for its
   * handler (grants and environment from `handlerNeeds`, like every other handler). The
   * pre-token-generation trigger gets the V2_0 event, the one that customises access tokens as
   * well as ID tokens; it runs for users' sign-ins and refreshes only, not for integrators'
   * client-credentials grants (those would need V3_0; Amazon Cognito Developer Guide, "Pre token
   * generation Lambda trigger"), so integrator tokens stay exactly as their clients' scopes say.
   */
  attachTriggers(
    triggers: readonly CognitoTriggerDefinition[],
    fnFor: (handler: string) => lambda.IFunction,
  ): void {
    for (const trigger of triggers) {
      switch (trigger.trigger) {
        case 'preTokenGeneration':
          this.userPool.addTrigger(
            cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
            fnFor(trigger.handler),
            cognito.LambdaVersion.V2_0,
          );
          break;
      }
    }
  }

  /** The integrators' app-client ids: the only clients whose role-less tokens are integrators'. */
  get integratorClientIds(): string[] {
    return this.integratorClients.map((c) => c.client.userPoolClientId);
  }
}
