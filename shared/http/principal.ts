import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { RESOURCE_SERVER_IDENTIFIER } from '../../wiring/names';
import { ENVIRONMENT, optionalVariable } from '../adapters/environment';
import { DEPARTMENT_ROLES, type Role, STAFF_ROLES, type StaffTokenRole } from '../identity/roles';
import { problems } from './problem';

export { ROLES, STAFF_ROLES, type Role } from '../identity/roles';

/**
 * The integrators' app-client ids: CDK sets them from the stage's integrator clients, the local
 * runtime from the same configuration (`handlerEnvironment`).
 */
const integratorClients = (): ReadonlySet<string> =>
  new Set(
    (optionalVariable(ENVIRONMENT.integratorClients) ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );

/** Who is calling, as the JWT authorizer verified it. */
export interface Principal {
  /**
   * Who acts, as worklists, assignments, timelines and the access log name them: the `staff_id`
   * claim for staff (never Cognito's `sub`, a UUID no /staff record knows), the token's subject
   * for integrators (in Cognito, the app client's id).
   */
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

const refused = (detail: string) => problems.notPermitted(detail);

/**
 * Reads the claims API Gateway's JWT authorizer passed on. Scopes arrive in `scope` (space
 * separated, resource-server prefixed, as Cognito issues them); scopes of other resource servers
 * count for nothing.
 *
 * Fails closed: a token is an integrator's only when it carries no role and its `client_id` is a
 * known integrator client (`KEFU_INTEGRATOR_CLIENT_IDS`); a staff token must carry a
 * recognised `role` and a `staff_id`, and staff and supervisors a `department`. Anything else is
 * refused with 403 (the token is genuine, the caller is not one Kefu knows).
 */
export const principalFrom = (event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal => {
  const claims = (event.requestContext.authorizer?.jwt?.claims ?? {}) as Claims;
  const subject = asString(claims.sub);
  if (!subject) throw problems.unauthorized('A bearer token is required.');
  const scopeClaim = asString(claims.scope) ?? '';
  const role = asString(claims.role);
  const clientId = asString(claims.client_id);
  const department = asString(claims.department);
  let actor: string;
  let actorRole: Role;
  if (role === undefined) {
    if (!clientId || !integratorClients().has(clientId)) {
      throw refused('The token carries no role and is not from an integrator client.');
    }
    actor = subject;
    actorRole = 'integrator';
  } else {
    if (!(STAFF_ROLES as readonly string[]).includes(role)) {
      throw refused(`The token's role is not one Kefu knows.`);
    }
    const staffId = asString(claims.staff_id);
    if (!staffId) throw refused('The token names no staff member (staff_id).');
    if (DEPARTMENT_ROLES.includes(role as StaffTokenRole) && !department) {
      throw refused(`The role ${role} needs a department and the token names none.`);
    }
    actor = staffId;
    actorRole = role as StaffTokenRole;
  }
  return {
    subject: actor,
    clientId,
    scopes: new Set(
      scopeClaim
        .split(' ')
        .map(shortScope)
        .filter((scope): scope is string => scope !== undefined),
    ),
    role: actorRole,
    department,
  };
};

export const requireScopes = (principal: Principal, required: readonly string[]): void => {
  const missing = required.filter((scope) => !principal.scopes.has(scope));
  if (missing.length > 0) throw problems.forbidden(missing);
};
