import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { handlerNeeds } from '../../infra/handler-environment';
import { STAFF_IDENTITY_ACTIONS } from '../../infra/stack/functions';
import { handlerUsages } from '../../infra/stack/manifest';
import { parseStageConfig } from '../../infra/stack/stage-config';
import { functionName, SCOPES, wiring } from '../../wiring/manifest';
import {
  nagFindings,
  resourcesOfType,
  roleStatements,
  type Synthesized,
  synthesize,
} from './synth';

/** Who may call the `prod` stage of these tests (as infra/stages/prod.json would say). */
const CALLERS = parseStageConfig(
  {
    integrators: {
      crm: { scopes: ['customers:read', 'complaints:write'], generations: [1, 2] },
      dpo: { scopes: ['customers:erase', 'audit:read'] },
    },
    staffClient: {
      callbackUrls: ['https://service.example.com/auth/callback'],
      logoutUrls: ['https://service.example.com/'],
    },
    corsOrigins: ['https://service.example.com', 'https://admin.example.com:8443'],
  },
  'prod',
  'prod.json',
);

let configured: Synthesized;
let bare: Synthesized;

beforeAll(() => {
  configured = synthesize({ stage: 'prod', bundle: false, callers: CALLERS });
  // A stage without infra/stages/<stage>.json.
  bare = synthesize({ stage: 'staging', bundle: false });
}, 300_000);

type Props = Record<string, unknown>;
const clients = (synth: Synthesized) =>
  Object.entries(resourcesOfType(synth.template, 'AWS::Cognito::UserPoolClient'));
const clientNamed = (synth: Synthesized, name: string): [string, Props] => {
  const found = clients(synth).find(([, c]) => c.Properties?.ClientName === name);
  if (!found) throw new Error(`no app client ${name}`);
  return [found[0], found[1].Properties ?? {}];
};
/** `kefu/<scope>` names of an app client's allowed scopes (and the OIDC ones as they are). */
const allowedScopes = (props: Props): string[] =>
  (props.AllowedOAuthScopes as unknown[]).map((s) =>
    typeof s === 'string'
      ? s
      : `kefu${((s as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1] as string).toString()}`,
  );
const functions = (synth: Synthesized) =>
  Object.entries(resourcesOfType(synth.template, 'AWS::Lambda::Function')).filter(([id]) =>
    id.startsWith('Functions'),
  );

describe('integrator clients', () => {
  it('gives each live generation of each integrator its own client with exactly its scopes', () => {
    const expected = [
      ['integrator-crm', ['customers:read', 'complaints:write']],
      ['integrator-crm-g2', ['customers:read', 'complaints:write']],
      ['integrator-dpo', ['customers:erase', 'audit:read']],
    ] as const;
    for (const [name, scopes] of expected) {
      const [, props] = clientNamed(configured, name);
      expect(props).toMatchObject({
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      });
      expect(allowedScopes(props)).toEqual(scopes.map((s) => `kefu/${s}`));
    }
    expect(clients(configured)).toHaveLength(expected.length + 1);
  });

  it('holds admin (or any scope) only where the configuration lists it', () => {
    for (const [, client] of clients(configured)) {
      if (client.Properties?.GenerateSecret !== true) continue;
      expect(allowedScopes(client.Properties)).not.toContain('kefu/admin');
      expect(allowedScopes(client.Properties)).not.toContain('kefu/webhooks:manage');
    }
  });

  it('creates no integrator client for a stage that configures none', () => {
    expect(clients(bare).map(([, c]) => c.Properties?.ClientName)).toEqual(['staff']);
  });

  it('tells every API handler the integrator clients only, never the staff client', () => {
    const [staffId] = clientNamed(configured, 'staff');
    const ids = ['integrator-crm', 'integrator-crm-g2', 'integrator-dpo'].map(
      (name) => clientNamed(configured, name)[0],
    );
    const api = new Set(
      usages.filter((u) => u.routes.length > 0).map((u) => `kefu-prod-${functionName(u.handler)}`),
    );
    const apiFunctions = functions(configured).filter(([, fn]) =>
      api.has(fn.Properties?.FunctionName as string),
    );
    expect(apiFunctions.length).toBe(api.size);
    for (const [, fn] of apiFunctions) {
      const variables = (fn.Properties?.Environment as { Variables: Props }).Variables;
      // `ids.join(',')` of tokens: CloudFormation joins them with the commas between.
      expect(variables.KEFU_INTEGRATOR_CLIENT_IDS).toEqual({
        'Fn::Join': ['', ids.flatMap((id, i) => (i === 0 ? [{ Ref: id }] : [',', { Ref: id }]))],
      });
      expect(JSON.stringify(variables)).not.toContain(staffId);
    }
    for (const [, fn] of functions(bare)) {
      const variables = (fn.Properties?.Environment as { Variables: Props }).Variables;
      if (api.has((fn.Properties?.FunctionName as string).replace('kefu-staging-', 'kefu-prod-'))) {
        expect(variables.KEFU_INTEGRATOR_CLIENT_IDS).toBe('');
      } else {
        expect(variables.KEFU_INTEGRATOR_CLIENT_IDS).toBeUndefined();
      }
    }
  });
});

describe('staff client', () => {
  it('signs staff in by authorization code with PKCE: public, the configured URLs, refresh for a shift', () => {
    const [, props] = clientNamed(configured, 'staff');
    expect(props).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://service.example.com/auth/callback'],
      LogoutURLs: ['https://service.example.com/'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      EnableTokenRevocation: true,
    });
    // Every Kefu scope: the pre-token trigger removes what the staff member's role may not hold.
    expect(allowedScopes(props)).toEqual([
      'openid',
      'email',
      'profile',
      ...Object.values(SCOPES).map((s) => `kefu/${s}`),
    ]);
  });

  it('brands managed login with Cognito defaults for the staff client on the newer managed login', () => {
    const [staffId] = clientNamed(configured, 'staff');
    configured.template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: staffId },
      UseCognitoProvidedValues: true,
    });
    configured.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      ManagedLoginVersion: 2,
    });
  });

  it('has no sign-in at all until the stage lists a callback URL', () => {
    const [, props] = clientNamed(bare, 'staff');
    expect(props.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(props.AllowedOAuthFlows).toBeUndefined();
    expect(props.CallbackURLs).toBeUndefined();
    expect(props.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    bare.template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
  });
});

describe('HTTP API', () => {
  it('accepts tokens of every integrator client and the staff client', () => {
    const ids = ['integrator-crm', 'integrator-crm-g2', 'integrator-dpo', 'staff'].map(
      (name) => clientNamed(configured, name)[0],
    );
    configured.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: Match.objectLike({ Audience: ids.map((id) => ({ Ref: id })) }),
    });
    bare.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: Match.objectLike({ Audience: [{ Ref: clientNamed(bare, 'staff')[0] }] }),
    });
  });

  it("answers CORS for the configured origins with the manifest's methods", () => {
    const methods = [...new Set(wiring.routes.map((r) => r.method))].sort();
    configured.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://service.example.com', 'https://admin.example.com:8443'],
        AllowMethods: methods,
        AllowHeaders: [
          'authorization',
          'content-type',
          'idempotency-key',
          'if-match',
          'if-none-match',
        ],
        ExposeHeaders: ['etag', 'location', 'retry-after'],
        AllowCredentials: false,
        MaxAge: 3600,
      },
    });
  });

  it('has no CORS configuration when the stage lists no origin', () => {
    const [api] = Object.values(resourcesOfType(bare.template, 'AWS::ApiGatewayV2::Api'));
    expect(api?.Properties?.CorsConfiguration).toBeUndefined();
  });
});

const functionOf = (synth: Synthesized, handler: string): [string, Props] => {
  const found = functions(synth).find(
    ([, fn]) => fn.Properties?.FunctionName === `kefu-prod-${functionName(handler)}`,
  );
  if (!found) throw new Error(`no function for ${handler}`);
  return [found[0], found[1].Properties ?? {}];
};
/** Every IAM statement on the execution role of the function of `handler`. */
const statementsOf = (synth: Synthesized, handler: string) =>
  roleStatements(synth.template, functionOf(synth, handler)[1]);
const usages = [...handlerUsages(wiring).values()];

describe('pre-token-generation trigger', () => {
  const trigger = wiring.cognitoTriggers.find((t) => t.trigger === 'preTokenGeneration');

  it('is the manifest handler, built like every other, attached with the V2_0 event', () => {
    expect(trigger?.handler).toBe('functions/organization/shape-staff-token.ts');
    const [fnId, fn] = functionOf(configured, trigger!.handler);
    configured.template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          LambdaVersion: 'V2_0',
        },
      },
    });
    configured.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
    });
    // Cognito waits 5 seconds for a trigger, then retries.
    expect(fn.Timeout).toBe(5);
    bare.template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: Match.objectLike({ LambdaVersion: 'V2_0' }) },
    });
  });

  it('reads the table and writes nothing, and knows neither the app clients nor the pool', () => {
    const actions = statementsOf(configured, trigger!.handler).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const action of actions) {
      expect(action).not.toMatch(
        /^dynamodb:(Put|Update|Delete|BatchWrite)|^cognito-idp:|^sqs:|^ses:/,
      );
    }
    const [, fn] = functionOf(configured, trigger!.handler);
    const variables = (fn.Environment as { Variables: Props }).Variables;
    expect(variables.KEFU_INTEGRATOR_CLIENT_IDS).toBeUndefined();
    expect(variables.KEFU_STAFF_IDENTITY).toBeUndefined();
  });
});

describe('staff identity', () => {
  const managing = usages.filter((usage) => handlerNeeds(usage).staffIdentity);

  it('lets exactly the staff-identity handlers administer users of this user pool, and nothing more', () => {
    expect(managing.map((u) => u.handler).sort()).toEqual([
      'functions/organization/delete-staff-member.ts',
      'functions/organization/put-staff-member.ts',
    ]);
    const poolArn = { 'Fn::GetAtt': [expect.stringMatching(/^AuthUserPool[0-9A-F]{8}$/), 'Arn'] };
    for (const usage of usages) {
      const cognitoStatements = statementsOf(configured, usage.handler).filter((s) =>
        [s.Action].flat().some((a) => a.startsWith('cognito-idp:')),
      );
      if (!managing.includes(usage)) {
        expect(cognitoStatements, usage.handler).toEqual([]);
        continue;
      }
      expect(cognitoStatements, usage.handler).toEqual([
        expect.objectContaining({ Action: STAFF_IDENTITY_ACTIONS, Resource: expect.anything() }),
      ]);
      expect(cognitoStatements[0]?.Resource).toEqual(poolArn);
      const [, fn] = functionOf(configured, usage.handler);
      expect((fn.Environment as { Variables: Props }).Variables.KEFU_STAFF_IDENTITY).toEqual({
        'Fn::Join': ['', ['cognito:', { Ref: expect.stringMatching(/^AuthUserPool[0-9A-F]{8}$/) }]],
      });
    }
    expect(STAFF_IDENTITY_ACTIONS).toEqual([
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminUserGlobalSignOut',
    ]);
  });
});

describe('outputs and cdk-nag', () => {
  it('publishes the staff client, the authorize endpoint and each integrator client', () => {
    for (const name of [
      'StaffClientId',
      'AuthorizeEndpoint',
      'TokenEndpoint',
      'IntegratorCrmG1ClientId',
      'IntegratorCrmG2ClientId',
      'IntegratorDpoG1ClientId',
    ]) {
      configured.template.hasOutput(name, { Value: Match.anyValue() });
    }
    configured.template.hasOutput('AuthorizeEndpoint', {
      Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/oauth2/authorize$')])] },
    });
  });

  it('leaves no unacknowledged cdk-nag finding, configured or bare', () => {
    expect(nagFindings(configured.app)).toEqual([]);
    expect(nagFindings(bare.app)).toEqual([]);
  });
});
