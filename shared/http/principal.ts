import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { RESOURCE_SERVER_IDENTIFIER } from '../../wiring/names';
import { problems } from './problem';

export const ROLES = ['staff', 'supervisor', 'admin', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the JWT authorizer verified it. */
export interface Principal {
  subject: string;
  clientId: string | undefined;
  scopes: ReadonlySet<string>;
  role: Role;
  department: string | undefined;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

const SCOPE_PREFIX = `${RESOURCE_SERVER_IDENTIFIER}/`;

/** `kefu/customers:read` (as Cognito issues it) → `customers:read` (as routes name it). */
const shortScope = (scope: string) =>
  scope.startsWith(SCOPE_PREFIX) ? scope.slice(SCOPE_PREFIX.length) : undefined;

/**
 * Reads the claims API Gateway's JWT authorizer passed on. Scopes arrive in `scope` (space
 * separated, resource-server prefixed, as Cognito issues them); scopes of other resource servers
 * count for nothing. Integrators' client-credentials tokens carry no role.
 */
export const principalFrom = (event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal => {
  const claims = (event.requestContext.authorizer?.jwt?.claims ?? {}) as Claims;
  const subject = asString(claims.sub);
  if (!subject) throw problems.unauthorized('A bearer token is required.');
  const scopeClaim = asString(claims.scope) ?? '';
  const role = asString(claims.role);
  return {
    subject,
    clientId: asString(claims.client_id),
    scopes: new Set(
      scopeClaim
        .split(' ')
        .map(shortScope)
        .filter((scope): scope is string => scope !== undefined),
    ),
    role: ROLES.includes(role as Role) ? (role as Role) : 'integrator',
    department: asString(claims.department),
  };
};

export const requireScopes = (principal: Principal, required: readonly string[]): void => {
  const missing = required.filter((scope) => !principal.scopes.has(scope));
  if (missing.length > 0) throw problems.forbidden(missing);
};
