import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { readLocalAccounts } from '../../shared/adapters/identity/file-staff-accounts';
import { oauthScope, SCOPES, type WiringManifest } from '../../wiring/manifest';
import { STAFF_ACCESS_TOKEN_MINUTES } from '../token-lifetimes';
import { invoke } from './lambda-runtime';
import { LOCAL_CLIENT_ID, localAccountsFile, signLocalToken } from './local-auth';

const ACCESS_TOKEN_SECONDS = STAFF_ACCESS_TOKEN_MINUTES * 60;

/** Why Cognito would not issue the token, in its words where it has them. */
export class SignInRefused extends Error {
  override name = 'SignInRefused';
}

export interface StaffSignIn {
  staffId: string;
  /** The scopes the sign-in asks for (`customers:read` or `kefu/customers:read`); none: `openid`. */
  scopes?: string[];
}

const fullScope = (scope: string): string =>
  (Object.values(SCOPES) as string[]).includes(scope) ? oauthScope(scope as never) : scope;

/**
 * The local runtime's sign-in, shaped as Cognito's: the account (made by `PUT /staff`) must exist
 * and be enabled, then the manifest's pre-token-generation trigger — the very handler Cognito
 * invokes in AWS — is invoked with a V2 event and its answer decides the token's claims and
 * scopes. The token is signed with the local key and carries what a Cognito access token carries
 * (`sub`, `client_id`, `username`, `scope`, `token_use`, `auth_time`).
 *
 * Why not a Cognito emulator: cognito-local, the maintained one, applies pre-token overrides to ID
 * tokens only — V2's access-token claims and scopes are unsupported (jagregory/cognito-local#402,
 * "I haven't added any support for the newer Cognito features"; #460 still open, the PR #463
 * unmerged), and Kefu's authorization lives in the access token. So: the StaffAccounts port with a
 * file adapter, and this issuer running the real trigger.
 */
export const issueLocalStaffToken = async (
  manifest: WiringManifest,
  dataDir: string,
  request: StaffSignIn,
): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> => {
  const account = readLocalAccounts(localAccountsFile(dataDir))[request.staffId];
  // Cognito's answers (NotAuthorizedException) for an unknown and for a disabled user.
  if (!account) throw new SignInRefused('Incorrect username or password.');
  if (!account.enabled) throw new SignInRefused('User is disabled.');
  const trigger = manifest.cognitoTriggers.find((entry) => entry.trigger === 'preTokenGeneration');
  if (!trigger) throw new Error('the manifest has no pre-token-generation trigger');
  const requested = ['openid', ...(request.scopes ?? []).map(fullScope)];
  const event: PreTokenGenerationV2TriggerEvent = {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'us-east-1',
    userPoolId: 'us-east-1_kefulocal',
    userName: request.staffId,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: LOCAL_CLIENT_ID },
    request: {
      userAttributes: {
        sub: account.sub,
        'cognito:user_status': 'CONFIRMED',
        email: account.email,
        email_verified: 'true',
        name: account.name,
      },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
      scopes: requested,
    },
    response: { claimsAndScopeOverrideDetails: {} },
  };
  let shaped: PreTokenGenerationV2TriggerEvent;
  try {
    shaped = (await invoke(trigger.handler, event)) as PreTokenGenerationV2TriggerEvent;
  } catch (error) {
    // What Cognito answers when the trigger throws.
    throw new SignInRefused(`PreTokenGeneration failed with error ${(error as Error).message}`);
  }
  const access = shaped.response.claimsAndScopeOverrideDetails.accessTokenGeneration ?? {};
  const suppressed = new Set(access.scopesToSuppress ?? []);
  const scopes = [...new Set([...requested, ...(access.scopesToAdd ?? [])])].filter(
    (scope) => !suppressed.has(scope),
  );
  const now = Math.floor(Date.now() / 1000);
  const token = await signLocalToken(
    dataDir,
    {
      client_id: LOCAL_CLIENT_ID,
      token_use: 'access',
      username: request.staffId,
      auth_time: now,
      scope: scopes.join(' '),
      ...access.claimsToAddOrOverride,
    },
    account.sub,
    `${ACCESS_TOKEN_SECONDS}s`,
  );
  return { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
};
