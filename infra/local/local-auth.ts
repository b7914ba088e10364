import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type CryptoKey,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { oauthScope, type Scope } from '../../wiring/manifest';

/**
 * The local stand-in for Cognito: an ES256 key kept under `.data/`, tokens with the claims Cognito
 * access tokens carry (`sub`, `client_id`, `scope`, `token_use`) plus Kefu's `role` and
 * `department`, and verification as API Gateway's JWT authorizer does it.
 */
export const LOCAL_ISSUER = 'https://kefu.local/issuer';
/** The local staff app client: tokens with a `role` (the staff client's audience). */
export const LOCAL_CLIENT_ID = 'kefu-local-client';
/**
 * The client of role-less tokens `mintLocalToken` makes when the request names none: the local
 * client of an integrator named `integrators`. The local runtime knows it only when its stage
 * configuration lists that integrator (the tests' does, with every scope); `npm start` runs with
 * `infra/stages/dev.json`, whose integrators are `kefu-local-<name>`.
 */
export const LOCAL_INTEGRATOR_CLIENT_ID = 'kefu-local-integrators';
const ALGORITHM = 'ES256';
const KEY_ID = 'local-1';

const keyFile = (dataDir: string) => join(dataDir, 'local-auth', 'signing-key.jwk.json');

/** The local user pool: staff sign-in accounts (`FileStaffAccounts`), keyed by staff id. */
export const localAccountsFile = (dataDir: string): string =>
  join(dataDir, 'local-auth', 'staff-accounts.json');

/**
 * The local signing key (private JWK with `kid`), made on first use. Exported for tests that
 * forge tokens the authorizer must refuse; nothing else needs the private key.
 */
export const localSigningKey = async (dataDir: string): Promise<JWK> => {
  const file = keyFile(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: ALGORITHM, kid: KEY_ID };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
};

export interface TokenRequest {
  /** Short names (`customers:read`); the token carries them as Cognito does (`kefu/...`). */
  scopes: Scope[];
  /**
   * Staff tokens: the staff id (`staff_id`; `sub` is then a random UUID, as Cognito's is).
   * Integrator tokens: the token's `sub`.
   */
  subject?: string;
  /** Overrides the app client (default: the staff client with a role, else the integrators'). */
  clientId?: string;
  role?: string;
  department?: string;
  expiresIn?: string;
}

/** A UUID-shaped `sub` that stays the same for one staff id, as a Cognito user's does. */
const userSub = (staffId: string): string => {
  const hex = createHash('sha256').update(`kefu-local-user:${staffId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Signs an access token with the local key, as Cognito signs with the pool's. */
export const signLocalToken = async (
  dataDir: string,
  claims: JWTPayload & Record<string, unknown>,
  subject: string,
  expiresIn: string,
): Promise<string> => {
  const jwk = await localSigningKey(dataDir);
  const key = await importJWK(jwk, ALGORITHM);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid: jwk.kid ?? KEY_ID })
    .setIssuer(LOCAL_ISSUER)
    .setSubject(subject)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(expiresIn)
    .sign(key);
};

/**
 * A token with whatever claims the request names: for tests of the authorizer and the principal
 * (forged, expired, unknown roles) and the integrator tokens of the local client. Staff sign in
 * through `issueLocalStaffToken` (local-issuer.ts) instead, where their /staff record decides.
 */
export const mintLocalToken = async (dataDir: string, request: TokenRequest): Promise<string> => {
  const staff = request.role !== undefined;
  const staffId = request.subject ?? 'local-user';
  const claims: JWTPayload & Record<string, unknown> = {
    client_id: request.clientId ?? (staff ? LOCAL_CLIENT_ID : LOCAL_INTEGRATOR_CLIENT_ID),
    token_use: 'access',
    scope: request.scopes.map(oauthScope).join(' '),
    ...(staff ? { staff_id: staffId, role: request.role } : {}),
    ...(request.department ? { department: request.department } : {}),
  };
  return signLocalToken(
    dataDir,
    claims,
    staff ? userSub(staffId) : (request.subject ?? 'local-user'),
    request.expiresIn ?? '12h',
  );
};

export type LocalVerifier = (token: string) => Promise<Record<string, unknown>>;

/**
 * Verifies a token as API Gateway's JWT authorizer does (developer guide, "Control access to HTTP
 * APIs with JWT authorizers"): the key is chosen by the header's `kid` among the issuer's keys (an
 * unknown or missing `kid` fails), the signature and algorithm are checked, `iss` must match, `aud`
 * must name the client when present and `client_id` only when `aud` is absent, `exp` must lie
 * ahead, `nbf` and `iat` behind. Anything else is refused. (API Gateway takes RSA keys only; the
 * local key is ES256, which changes nothing a client can observe.)
 */
export const localVerifier = async (
  dataDir: string,
  /** The app clients the authorizer accepts (its audience list): the staff client, integrators'. */
  acceptedClients: readonly string[],
): Promise<LocalVerifier> => {
  const { d: _private, ...publicJwk } = await localSigningKey(dataDir);
  const keyId = publicJwk.kid ?? KEY_ID;
  const key = (await importJWK(publicJwk, ALGORITHM)) as CryptoKey;
  return async (token) => {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        if (header.kid !== keyId) throw new errors.JWKSNoMatchingKey();
        return key;
      },
      { issuer: LOCAL_ISSUER, algorithms: [ALGORITHM], requiredClaims: ['exp'] },
    );
    // Refusals are jose's errors, so that the gateway can tell API Gateway's reasons apart.
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000) {
      throw new errors.JWTClaimValidationFailed('token issued in the future', payload, 'iat');
    }
    const audience = payload.aud ?? payload.client_id;
    const audiences = Array.isArray(audience) ? audience : [audience];
    if (!audiences.some((client) => typeof client === 'string' && acceptedClients.includes(client)))
      throw new errors.JWTClaimValidationFailed('token is for another client', payload, 'aud');
    return payload;
  };
};
