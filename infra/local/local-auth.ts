import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { oauthScope, type Scope } from '../wiring';

/**
 * The local stand-in for Cognito: an ES256 key kept under `.data/`, tokens with the claims Cognito
 * access tokens carry (`sub`, `client_id`, `scope`, `token_use`) plus Kefu's `role` and
 * `department`, and verification as API Gateway's JWT authorizer does it.
 */
export const LOCAL_ISSUER = 'https://kefu.local/issuer';
export const LOCAL_CLIENT_ID = 'kefu-local-client';
const ALGORITHM = 'ES256';

const keyFile = (dataDir: string) => join(dataDir, 'local-auth', 'signing-key.jwk.json');

const loadOrCreateKey = async (dataDir: string): Promise<JWK> => {
  const file = keyFile(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: ALGORITHM, kid: 'local-1' };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
};

export interface TokenRequest {
  /** Short names (`customers:read`); the token carries them as Cognito does (`kefu/...`). */
  scopes: Scope[];
  subject?: string;
  role?: string;
  department?: string;
  expiresIn?: string;
}

export const mintLocalToken = async (dataDir: string, request: TokenRequest): Promise<string> => {
  const jwk = await loadOrCreateKey(dataDir);
  const key = await importJWK(jwk, ALGORITHM);
  const claims: JWTPayload & Record<string, unknown> = {
    client_id: LOCAL_CLIENT_ID,
    token_use: 'access',
    scope: request.scopes.map(oauthScope).join(' '),
    ...(request.role ? { role: request.role } : {}),
    ...(request.department ? { department: request.department } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid: jwk.kid ?? 'local-1' })
    .setIssuer(LOCAL_ISSUER)
    .setSubject(request.subject ?? 'local-user')
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(key);
};

export type LocalVerifier = (token: string) => Promise<Record<string, unknown>>;

export const localVerifier = async (dataDir: string): Promise<LocalVerifier> => {
  const { d: _private, ...publicJwk } = await loadOrCreateKey(dataDir);
  const key = (await importJWK(publicJwk, ALGORITHM)) as CryptoKey;
  return async (token) => {
    const { payload } = await jwtVerify(token, key, {
      issuer: LOCAL_ISSUER,
      algorithms: [ALGORITHM],
    });
    const audience = payload.client_id ?? payload.aud;
    const audiences = Array.isArray(audience) ? audience : [audience];
    if (!audiences.includes(LOCAL_CLIENT_ID)) throw new Error('token is for another client');
    return payload;
  };
};
