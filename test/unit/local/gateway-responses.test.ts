import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gatewayResponses,
  refusalOf,
  TOKEN_REFUSALS,
} from '../../../infra/local/gateway-responses';
import {
  LOCAL_CLIENT_ID,
  LOCAL_INTEGRATOR_CLIENT_ID,
  LOCAL_ISSUER,
  localSigningKey,
  localVerifier,
  type LocalVerifier,
  mintLocalToken,
} from '../../../infra/local/local-auth';

const parsed = (result: ReturnType<typeof gatewayResponses.notFound>) => ({
  status: result.statusCode,
  headers: result.headers,
  body: JSON.parse(result.body ?? '') as unknown,
});

describe("API Gateway's own answers", () => {
  it('answers 401 with the documented body and challenge', () => {
    expect(parsed(gatewayResponses.unauthorized(TOKEN_REFUSALS.audience))).toEqual({
      status: 401,
      headers: {
        'content-type': 'application/json',
        'www-authenticate':
          'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
      },
      body: { message: 'Unauthorized' },
    });
  });

  it("answers 403 naming the route's scopes as the authorizer lists them", () => {
    expect(parsed(gatewayResponses.forbidden(['kefu/customers:read', 'kefu/admin']))).toEqual({
      status: 403,
      headers: {
        'content-type': 'application/json',
        'www-authenticate':
          'Bearer scope="kefu/customers:read kefu/admin" error="insufficient_scope" error_description="the token does not have any of the required scopes"',
      },
      body: { message: 'Forbidden' },
    });
  });

  it.each([
    [gatewayResponses.notFound(), 404, 'Not Found'],
    [gatewayResponses.payloadTooLarge(), 413, 'Request Entity Too Large'],
    [gatewayResponses.tooManyRequests(), 429, 'Too Many Requests'],
    [gatewayResponses.internalServerError(), 500, 'Internal Server Error'],
  ])('answers %# with {"message": ...} and nothing else', (result, status, message) => {
    expect(parsed(result)).toEqual({
      status,
      headers: { 'content-type': 'application/json' },
      body: { message },
    });
  });
});

describe('the refusal a verifier error stands for', () => {
  let dataDir: string;
  let verify: LocalVerifier;
  const refusal = async (token: string) => {
    try {
      await verify(token);
    } catch (error) {
      return refusalOf(error);
    }
    throw new Error('the token was admitted');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-gateway-responses-'));
    verify = await localVerifier(dataDir, [LOCAL_CLIENT_ID, LOCAL_INTEGRATOR_CLIENT_ID]);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const signed = async (edit: (jwt: SignJWT) => SignJWT, claims = {}) => {
    const jwk = await localSigningKey(dataDir);
    const jwt = new SignJWT({ client_id: 'kefu-local-client', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid! })
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt();
    return edit(jwt).sign(await importJWK(jwk, 'ES256'));
  };

  it('tells expiry, audience, issuer, missing expiry, early use and bad signatures apart', async () => {
    expect(await refusal(await mintLocalToken(dataDir, { scopes: [], expiresIn: '-1m' }))).toBe(
      TOKEN_REFUSALS.expired,
    );
    expect(
      await refusal(await mintLocalToken(dataDir, { scopes: [], clientId: 'someone-else' })),
    ).toBe(TOKEN_REFUSALS.audience);
    expect(
      await refusal(await signed((jwt) => jwt.setExpirationTime('1h'), { aud: 'someone-else' })),
    ).toBe(TOKEN_REFUSALS.audience);
    expect(
      await refusal(
        await signed((jwt) => jwt.setIssuer('https://issuer.example.com/').setExpirationTime('1h')),
      ),
    ).toBe(TOKEN_REFUSALS.issuer);
    expect(await refusal(await signed((jwt) => jwt))).toBe(TOKEN_REFUSALS.noExpiry);
    expect(
      await refusal(await signed((jwt) => jwt.setNotBefore('1h').setExpirationTime('2h'))),
    ).toBe(TOKEN_REFUSALS.notYetValid);
    const [header, payload, signature] = (await mintLocalToken(dataDir, { scopes: [] })).split('.');
    expect(await refusal(`${header}.${payload}.${signature!.slice(0, -4)}AAAA`)).toBe(
      TOKEN_REFUSALS.signature,
    );
    expect(await refusal('not.a.jwt')).toBe(TOKEN_REFUSALS.malformed);
  });
});
