import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errors } from 'jose';

/**
 * The answers API Gateway (HTTP API) gives itself, before or instead of a Lambda: the only place
 * the local gateway writes a body of its own for a product route. They are not RFC 9457 problems
 * (everything a function answers is); they are `{"message": ...}` with `application/json`, as
 * AWS sends them. docs/PROBLEMS.md lists both kinds.
 *
 * Sources (AWS developer guide, Amazon API Gateway):
 * - "Troubleshooting issues with HTTP API JWT authorizers"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html):
 *   "Issue: My API returns `401 {"message":"Unauthorized"}`. Check the `www-authenticate` header
 *   in the response from the API", with the sample
 *   `www-authenticate: Bearer scope="" error="invalid_token" error_description="the token does
 *   not have a valid audience"`. That is the only error_description AWS publishes.
 * - "Control access to HTTP APIs with JWT authorizers in API Gateway"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 *   "If you configure scopes for a route, the token must include at least one of the route's
 *   scopes." Its REST API counterpart ("Attach a JWT authorizer to methods and require scopes")
 *   adds: "A valid token that carries none of the method's scopes receives a 403 Forbidden
 *   response."
 * - "Troubleshooting issues with HTTP API Lambda integrations"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html):
 *   "My API with a Lambda integration returns {"message":"Internal Server Error"}".
 * - "Quotas for configuring and running an HTTP API in API Gateway"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html):
 *   "Payload size 10 MB", not increasable.
 * - "Create routes for HTTP APIs in API Gateway": a `$default` route catches requests that match
 *   no other route. Kefu's API (infra/stack/api.ts) has none, so unmatched requests are answered
 *   by API Gateway itself.
 *
 * Not documented, chosen as the closest documented shape and marked so below:
 * - the bodies of the 403, 404, 413 and 429 (`{"message":"Forbidden"}`, `{"message":"Not
 *   Found"}`, `{"message":"Request Entity Too Large"}`, `{"message":"Too Many Requests"}`: the
 *   `message` member with the status's reason phrase, as the documented 401 and 500 have);
 * - the 401's `content-type` (the documented sample elides all headers but four; HTTP APIs send
 *   their own bodies as `application/json`);
 * - whether a request without any token gets a `www-authenticate` header, and every
 *   error_description except the audience one (AWS's own wording, lower case, in the documented
 *   style);
 * - the 403's `www-authenticate` (AWS documents the status only; this follows the documented 401
 *   header with RFC 6750's `insufficient_scope`, and `scope` listing the route's scopes as the
 *   authorizer holds them, `kefu/...`).
 */

const JSON_TYPE = { 'content-type': 'application/json' } as const;

const message = (
  statusCode: number,
  text: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...JSON_TYPE, ...headers },
  body: JSON.stringify({ message: text }),
});

/** The documented challenge: `Bearer scope="..." error="..." error_description="..."`. */
const challenge = (scope: string, error: string, description: string) =>
  `Bearer scope="${scope}" error="${error}" error_description="${description}"`;

/** Why the authorizer refused a token, in the words it puts into error_description. */
export const TOKEN_REFUSALS = {
  /** No Authorization header, or an empty one (undocumented wording). */
  missing: 'the token is missing',
  /** Not `[Bearer ]header.payload.signature`, or not decodable (undocumented wording). */
  malformed: 'the token is malformed',
  /** Documented verbatim: neither `aud` nor (without `aud`) `client_id` names a client. */
  audience: 'the token does not have a valid audience',
  /** `exp` passed (undocumented wording). */
  expired: 'the token has expired',
  /** `nbf` or `iat` still ahead (undocumented wording). */
  notYetValid: 'the token is not valid yet',
  /** `iss` is not the authorizer's issuer (undocumented wording, after the audience one). */
  issuer: 'the token does not have a valid issuer',
  /** No `exp` (undocumented wording). */
  noExpiry: 'the token does not have an expiry',
  /** Wrong key, unknown or missing `kid`, an algorithm other than the key's (undocumented). */
  signature: 'signature is invalid',
} as const;

export type TokenRefusal = (typeof TOKEN_REFUSALS)[keyof typeof TOKEN_REFUSALS];

/** The refusal a verifier's error stands for (jose's errors, as the local verifier throws them). */
export const refusalOf = (error: unknown): TokenRefusal => {
  if (error instanceof errors.JWTExpired) return TOKEN_REFUSALS.expired;
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud' || error.claim === 'client_id') return TOKEN_REFUSALS.audience;
    if (error.claim === 'iss') return TOKEN_REFUSALS.issuer;
    if (error.claim === 'exp') return TOKEN_REFUSALS.noExpiry;
    if (error.claim === 'nbf' || error.claim === 'iat') return TOKEN_REFUSALS.notYetValid;
    return TOKEN_REFUSALS.malformed;
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  )
    return TOKEN_REFUSALS.signature;
  return TOKEN_REFUSALS.malformed;
};

export const gatewayResponses = {
  /** 401: the JWT authorizer refused the token (or found none). Body and header documented. */
  unauthorized: (refusal: TokenRefusal) =>
    message(401, 'Unauthorized', {
      'www-authenticate': challenge('', 'invalid_token', refusal),
    }),
  /**
   * 403: a valid token holding none of the route's scopes (status documented; body and header
   * undocumented, see above). `scopes` as the authorizer lists them (`kefu/customers:read`).
   */
  forbidden: (scopes: readonly string[]) =>
    message(403, 'Forbidden', {
      'www-authenticate': challenge(
        scopes.join(' '),
        'insufficient_scope',
        'the token does not have any of the required scopes',
      ),
    }),
  /** 404: no route matches the method and path, and there is no `$default` route. */
  notFound: () => message(404, 'Not Found'),
  /** 413: the body exceeds the HTTP API's 10 MB payload quota. */
  payloadTooLarge: () => message(413, 'Request Entity Too Large'),
  /** 429: the stage's (or route's) throttle refused the request. Not produced locally. */
  tooManyRequests: () => message(429, 'Too Many Requests'),
  /** 500: the integration failed (the function threw, timed out or answered nonsense). */
  internalServerError: () => message(500, 'Internal Server Error'),
};

/** HTTP APIs refuse payloads over 10 MB before any Lambda runs (quota "Payload size"). */
export const GATEWAY_PAYLOAD_LIMIT = 10 * 1024 * 1024;
