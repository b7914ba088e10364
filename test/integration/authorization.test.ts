import {
  type CryptoKey,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_CLIENT_ID,
  LOCAL_INTEGRATOR_CLIENT_ID,
  LOCAL_ISSUER,
  localSigningKey,
} from '../../infra/local/local-auth';
import { TOKEN_REFUSALS } from '../../infra/local/gateway-responses';
import {
  isPublicPage,
  oauthScope,
  type Operation,
  type Scope,
  wiring,
} from '../../wiring/manifest';
import { operations } from '../../wiring/operations';
import type * as z from '../../shared/zod';
import { tableCensus } from '../support/census';
import {
  api,
  type ApiResponse,
  eventually,
  expectCleanProblem,
  expectForbiddenByAuthorizer,
  expectUnauthorized,
  newCustomer,
  stack,
  tokenFor,
} from '../support/harness';
import { ALL_SCOPES, inParallel, pathOf, protectedRoutes, takesBody } from '../support/routes';

const run = Date.now().toString(36);
const logisticsAgent = `authz-log-${run}`;

// ---------------------------------------------------------------------------------------------
// Tokens the authorizer must refuse
// ---------------------------------------------------------------------------------------------

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Claims as Cognito access tokens carry them, with every scope and the admin role. */
const goodClaims = (scopes: Scope[] = ALL_SCOPES): JWTPayload & Record<string, unknown> => ({
  client_id: LOCAL_CLIENT_ID,
  token_use: 'access',
  scope: scopes.map(oauthScope).join(' '),
  staff_id: 'authz-probe',
  role: 'admin',
});

interface Forgery {
  claims?: JWTPayload & Record<string, unknown>;
  header?: { alg: string; kid?: string };
  key?: CryptoKey | Uint8Array;
  issuer?: string;
  expiresIn?: string | undefined;
  notBefore?: string;
  issuedAt?: number;
}

let signingKey: JWK;
let privateKey: CryptoKey;

/** A token signed with the local key (unless `key` says otherwise), changed as asked. */
const forge = async (forgery: Forgery = {}): Promise<string> => {
  let jwt = new SignJWT(forgery.claims ?? goodClaims())
    .setProtectedHeader(forgery.header ?? { alg: 'ES256', kid: signingKey.kid! })
    .setIssuer(forgery.issuer ?? LOCAL_ISSUER)
    .setSubject('authz-probe')
    .setIssuedAt(forgery.issuedAt);
  if (forgery.expiresIn !== undefined || !('expiresIn' in forgery))
    jwt = jwt.setExpirationTime(forgery.expiresIn ?? '1h');
  if (forgery.notBefore) jwt = jwt.setNotBefore(forgery.notBefore);
  return jwt.sign(forgery.key ?? privateKey);
};

type Refusal = [
  label: string,
  description: string,
  token: () => Promise<string | undefined>,
  header?: string,
];

const why = TOKEN_REFUSALS;

/**
 * Each way in which a request may fail to authenticate; API Gateway answers all of them 401
 * `{"message":"Unauthorized"}`, telling them apart only in the challenge's error_description.
 */
const refusals: Refusal[] = [
  ['no token', why.missing, async () => undefined],
  ['another authentication scheme', why.malformed, async () => undefined, 'Basic YWRtaW46YWRtaW4='],
  ['a token that is not a JWT', why.malformed, async () => 'not.a.jwt'],
  [
    'an expired token',
    why.expired,
    () => tokenFor(ALL_SCOPES, { role: 'admin', expiresIn: '-1m' }),
  ],
  [
    'a token signed by another key (same kid)',
    why.signature,
    async () => forge({ key: (await generateKeyPair('ES256')).privateKey }),
  ],
  [
    'a token for another client (client_id)',
    why.audience,
    () => forge({ claims: { ...goodClaims(), client_id: 'another-client' } }),
  ],
  [
    'a token for another audience (aud outranks client_id, as in API Gateway)',
    why.audience,
    () => forge({ claims: { ...goodClaims(), aud: 'another-client' } }),
  ],
  [
    'a token from another issuer',
    why.issuer,
    () => forge({ issuer: 'https://issuer.example.com/' }),
  ],
  [
    'an unsigned token (alg none)',
    why.signature,
    async () =>
      `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
        ...goodClaims(),
        iss: LOCAL_ISSUER,
        sub: 'authz-probe',
        exp: Math.floor(Date.now() / 1000) + 3600,
      })}.`,
  ],
  [
    'HS256 keyed with the public key as PEM (key confusion)',
    why.signature,
    async () => {
      const { d: _private, ...publicJwk } = signingKey;
      const pem = await exportSPKI(
        (await importJWK(publicJwk, 'ES256', { extractable: true })) as CryptoKey,
      );
      return forge({
        header: { alg: 'HS256', kid: signingKey.kid! },
        key: new TextEncoder().encode(pem),
      });
    },
  ],
  [
    'HS256 keyed with the public JWK (key confusion)',
    why.signature,
    async () => {
      const { d: _private, ...publicJwk } = signingKey;
      return forge({
        header: { alg: 'HS256', kid: signingKey.kid! },
        key: new TextEncoder().encode(JSON.stringify(publicJwk)),
      });
    },
  ],
  ['an unknown kid', why.signature, () => forge({ header: { alg: 'ES256', kid: 'rotated-away' } })],
  ['no kid', why.signature, () => forge({ header: { alg: 'ES256' } })],
  ['no expiry', why.noExpiry, () => forge({ expiresIn: undefined })],
  [
    'a token not valid yet (nbf)',
    why.notYetValid,
    () => forge({ notBefore: '1h', expiresIn: '2h' }),
  ],
  [
    'a token issued in the future (iat)',
    why.notYetValid,
    () => forge({ issuedAt: Math.floor(Date.now() / 1000) + 3600, expiresIn: '2h' }),
  ],
  [
    'a token whose claims were changed after signing',
    why.signature,
    async () => {
      const [header, , signature] = (
        await forge({ claims: { ...goodClaims(['customers:read']), role: 'staff' } })
      ).split('.');
      return `${header}.${base64url({ ...goodClaims(), iss: LOCAL_ISSUER, sub: 'x', exp: 9e9 })}.${signature}`;
    },
  ],
];

/** A request to the route with everything but the credentials plausible. */
const call = (route: Operation, token: string | undefined, authorization?: string) =>
  api(pathOf(route), {
    method: route.method,
    token,
    ...(authorization ? { headers: { authorization } } : {}),
    ...(takesBody(route) ? { body: {} } : {}),
  });

/** Runs `check` on every protected route and fails once, listing every route that failed. */
const onEveryRoute = async (
  check: (route: Operation) => Promise<void>,
  routes = protectedRoutes,
) => {
  const failures = (
    await inParallel(routes, 6, async (route) => {
      try {
        await check(route);
        return undefined;
      } catch (error) {
        return `${route.method} ${route.path}: ${(error as Error).message}`;
      }
    })
  ).filter((failure) => failure !== undefined);
  expect(failures).toEqual([]);
};

/** A refusal says nothing about the token or who it names. */
const expectNothingEchoed = (response: ApiResponse<unknown>, token: string | undefined) => {
  if (token && response.text.includes(token)) throw new Error('the token is echoed back');
  if (/authz-probe|another-client|issuer\.example/.test(response.text))
    throw new Error(`claims are echoed back: ${response.text}`);
};

let admin: string;
let originalRules: unknown[] | undefined;

beforeAll(async () => {
  signingKey = await localSigningKey(stack.dataDir);
  privateKey = (await importJWK(signingKey, 'ES256')) as CryptoKey;
  admin = await tokenFor(ALL_SCOPES, { role: 'admin', subject: `authz-admin-${run}` });
  // The departments this file's staff work in; others stay as other files left them (some test
  // that an unconfigured department is refused).
  const configured = (
    await api<{ items: { id: string }[] }>('/departments', { token: admin })
  ).body.items.map((department) => department.id);
  for (const department of ['logistics', 'sales'].filter((id) => !configured.includes(id))) {
    const response = await api(`/departments/${department}`, {
      method: 'PUT',
      token: admin,
      body: { name: department },
    });
    expect(response.status).toBeLessThan(300);
  }
  expect(
    (
      await api(`/staff/${logisticsAgent}`, {
        method: 'PUT',
        token: admin,
        body: {
          name: 'Authz Agent',
          email: `${logisticsAgent}@staff.example.com`,
          department: 'logistics',
          role: 'agent',
          onDuty: true,
        },
      })
    ).status,
  ).toBe(201);
  // A rule of our own, tried first, sends this file's complaints to logistics.
  // Stored rules may name only configured departments; the defaults (shown while none are stored)
  // name all of them, and a department left unconfigured routes to the fallback anyway.
  const departments = new Set(
    (await api<{ items: { id: string }[] }>('/departments', { token: admin })).body.items.map(
      (department) => department.id,
    ),
  );
  originalRules = (
    await api<{ rules: { then: { department: string } }[] }>('/routing-rules', { token: admin })
  ).body.rules.filter((rule) => departments.has(rule.then.department));
  const rules = [
    {
      id: `authz-${run}`,
      when: { keywords: [`authz-${run}`] },
      then: { department: 'logistics', category: 'delivery' },
    },
    ...originalRules,
  ].slice(0, 200);
  expect(
    (await api('/routing-rules', { method: 'PUT', token: admin, body: { rules } })).status,
  ).toBe(200);
});

afterAll(async () => {
  // Leave the shared stack as other files expect it: their rules, and no extra agent on duty.
  if (originalRules)
    await api('/routing-rules', { method: 'PUT', token: admin, body: { rules: originalRules } });
  await api(`/staff/${logisticsAgent}`, {
    method: 'PUT',
    token: admin,
    body: {
      name: 'Authz Agent',
      email: `${logisticsAgent}@staff.example.com`,
      department: 'logistics',
      role: 'agent',
      onDuty: false,
    },
  });
});

describe('authentication on every protected route of the manifest', () => {
  it('covers every route that declares scopes (the public pages and openapi.json excepted)', () => {
    const exempt = wiring.routes.filter((route) => route.scopes.length === 0);
    expect(exempt.every((route) => isPublicPage(route) || route.path === '/openapi.json')).toBe(
      true,
    );
    expect(protectedRoutes.length + exempt.length).toBe(wiring.routes.length);
  });

  it('admits a well-formed token on every route (so the refusals below are about the token)', async () => {
    const token = await forge();
    await onEveryRoute(async (route) => {
      const response = await call(route, token);
      if (response.status === 401 || response.status === 403)
        throw new Error(`refused a good token: ${response.status} ${response.text}`);
    });
  });

  it('admits the token without the Bearer prefix too, as API Gateway reads the identity source', async () => {
    const token = await forge();
    await onEveryRoute(async (route) => {
      const response = await call(route, undefined, token);
      if (response.status === 401 || response.status === 403)
        throw new Error(`refused a bare token: ${response.status} ${response.text}`);
    });
  });

  it.each(refusals)(
    "answers %s with API Gateway's 401 and its challenge",
    async (_label, description, mint, header) => {
      const token = await mint();
      await onEveryRoute(async (route) => {
        const response = await call(route, token, header);
        expectUnauthorized(response, description);
        expectNothingEchoed(response, token);
      });
    },
  );
});

/**
 * Genuine tokens (the authorizer admits them) whose caller Kefu does not know: the functions
 * refuse them, failing closed, instead of taking them for an integrator that sees everything.
 */
const unknownCallers: [label: string, claims: () => JWTPayload & Record<string, unknown>][] = [
  [
    'no role, from the staff client (not an integrator client)',
    () => {
      const { role: _role, staff_id: _staff, ...claims } = goodClaims();
      return claims;
    },
  ],
  ['a role Kefu does not know', () => ({ ...goodClaims(), role: 'superuser' })],
  [
    "the integrator 'role' claimed by a user token",
    () => ({ ...goodClaims(), role: 'integrator' }),
  ],
  [
    'a role but no staff_id',
    () => {
      const { staff_id: _staff, ...claims } = goodClaims();
      return claims;
    },
  ],
  ['the staff role without a department', () => ({ ...goodClaims(), role: 'staff' })],
  ['the supervisor role without a department', () => ({ ...goodClaims(), role: 'supervisor' })],
];

describe('callers Kefu does not know (fail closed)', () => {
  it.each(unknownCallers)('answers %s with 403 caller-not-permitted', async (_label, claims) => {
    const token = await forge({ claims: claims() });
    await onEveryRoute(async (route) => {
      const response = await call(route, token);
      expectCleanProblem(response, 403, 'caller-not-permitted');
      expectNothingEchoed(response, token);
    });
  });

  it('admits a role-less token from the integrator client', async () => {
    const { role: _role, staff_id: _staff, ...claims } = goodClaims();
    const token = await forge({ claims: { ...claims, client_id: LOCAL_INTEGRATOR_CLIENT_ID } });
    await onEveryRoute(async (route) => {
      const response = await call(route, token);
      if (response.status === 401 || response.status === 403)
        throw new Error(`refused an integrator: ${response.status} ${response.text}`);
    });
  });
});

describe('scopes on every protected route of the manifest', () => {
  it('answers a valid token without any of the route’s scopes with API Gateway’s 403 naming them', async () => {
    await onEveryRoute(async (route) => {
      const token = await forge({
        claims: goodClaims(ALL_SCOPES.filter((scope) => !route.scopes.includes(scope))),
      });
      const response = await call(route, token);
      expectForbiddenByAuthorizer(response, route.scopes);
      expectNothingEchoed(response, token);
    });
  });

  it('answers a token holding only one of a route’s several scopes with 403 naming the others', async () => {
    const multi = protectedRoutes.filter((route) => route.scopes.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const held of multi.flatMap((route) =>
      route.scopes.map((scope) => [route, scope] as const),
    )) {
      const [route, scope] = held;
      const response = await call(route, await forge({ claims: goodClaims([scope]) }));
      expectCleanProblem(response, 403, 'insufficient-scope');
      expect(response.body).toMatchObject({
        missingScopes: route.scopes.filter((other) => other !== scope),
      });
    }
  });

  it('counts scopes of another resource server, or without the prefix, for nothing', async () => {
    const foreign = await forge({
      claims: { ...goodClaims(), scope: ALL_SCOPES.map((scope) => `other/${scope}`).join(' ') },
    });
    const bare = await forge({ claims: { ...goodClaims(), scope: ALL_SCOPES.join(' ') } });
    await onEveryRoute(async (route) => {
      expectForbiddenByAuthorizer(await call(route, foreign), route.scopes);
      expectForbiddenByAuthorizer(await call(route, bare), route.scopes);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Object-level access: one department's staff and another department's complaints and revisits
// ---------------------------------------------------------------------------------------------

interface Complaint {
  id: string;
  number: string;
  status: string;
  department?: string;
  version: number;
  updatedAt: string;
  customerId: string;
  timeline: unknown[];
}

interface Revisit {
  id: string;
  status: string;
  department?: string;
  assigneeId?: string;
  version: number;
  updatedAt: string;
  attempts: unknown[];
  complaintId?: string;
}

const staffScopes: Scope[] = [
  'complaints:read',
  'complaints:write',
  'revisits:read',
  'revisits:write',
  'customers:read',
];
const tokens: Record<'logistics' | 'salesStaff' | 'salesSupervisor', string> = {
  logistics: '',
  salesStaff: '',
  salesSupervisor: '',
};
let customerId: string;
let complaint: Complaint;

const readComplaint = async (id: string) =>
  (await api<Complaint>(`/complaints/${id}`, { token: admin })).body;
/** What must not change when a refused caller acts on a complaint. */
const complaintState = async (id: string) => {
  const { status, version, updatedAt, department, timeline } = await readComplaint(id);
  return { status, version, updatedAt, department, timelineEntries: timeline.length };
};
const readRevisit = async (id: string) =>
  (await api<Revisit>(`/revisits/${id}`, { token: admin })).body;
const revisitState = async (id: string) => {
  const { status, version, updatedAt, attempts, complaintId } = await readRevisit(id);
  return { status, version, updatedAt, attempts: attempts.length, complaintId };
};
const customerComplaintIds = async (id: string) =>
  (
    await api<{ items: { id: string }[] }>(`/customers/${id}/complaints?limit=100`, {
      token: admin,
    })
  ).body.items.map((item) => item.id);

const clockNow = async () => Date.parse((await api<{ now: string }>('/_local/clock')).body.now);

/** A revisit of the logistics department, planned by an admin a month ahead. */
const logisticsRevisit = async () => {
  const response = await api<Revisit>('/revisits', {
    token: admin,
    body: {
      customerId,
      dueAt: new Date((await clockNow()) + 30 * 86_400_000).toISOString(),
      channel: 'phone',
      department: 'logistics',
      assigneeId: logisticsAgent,
      reason: 'authorization test',
    },
  });
  expect(response.status).toBe(201);
  return response.body;
};

const createCustomer = async () => {
  const created = await api<{ id: string }>('/customers', { token: admin, body: newCustomer() });
  expect(created.status).toBe(201);
  return created.body.id;
};

/** A complaint routed (by this file's rule) to logistics and assigned there: it stays put. */
const logisticsComplaint = async (customer: string) => {
  const filed = await api<Complaint>('/complaints', {
    token: admin,
    body: {
      customerId: customer,
      channel: 'web',
      subject: `authz-${run} 快递丢了`,
      description: 'Authorization test complaint',
    },
  });
  expect(filed.status).toBe(201);
  const assigned = await eventually(async () => {
    const current = await readComplaint(filed.body.id);
    return current.status === 'assigned' ? current : undefined;
  }, 'the complaint to be routed to logistics and assigned');
  expect(assigned.department).toBe('logistics');
  return assigned;
};

const otherDepartments = [
  ['a sales agent', 'salesStaff'],
  ['a sales supervisor', 'salesSupervisor'],
  // A staff token naming no department is refused outright now (403 caller-not-permitted, see
  // 'callers Kefu does not know'), before any complaint is looked at.
] as const;

describe('object-level access across departments', () => {
  beforeAll(async () => {
    tokens.logistics = await tokenFor(staffScopes, {
      role: 'staff',
      department: 'logistics',
      subject: logisticsAgent,
    });
    tokens.salesStaff = await tokenFor(staffScopes, {
      role: 'staff',
      department: 'sales',
      subject: `authz-sales-${run}`,
    });
    tokens.salesSupervisor = await tokenFor(staffScopes, {
      role: 'supervisor',
      department: 'sales',
      subject: `authz-sales-lead-${run}`,
    });

    customerId = await createCustomer();
    complaint = await logisticsComplaint(customerId);
  });

  it('lets the owning department read the complaint (the refusals below are about the department)', async () => {
    expect((await api(`/complaints/${complaint.id}`, { token: tokens.logistics })).status).toBe(
      200,
    );
  });

  it("shows a staff member's figures to their department's supervisor only: another department's is a 404 like an unknown id", async () => {
    const figuresOf = async (department: string, agent: string) =>
      api(`/reports/service-quality?agent=${agent}`, {
        token: await tokenFor(['reports:read'], {
          role: 'supervisor',
          department,
          subject: `authz-${department}-lead-${run}`,
        }),
      });
    expect((await figuresOf('logistics', logisticsAgent)).status).toBe(200);
    const refused = await figuresOf('sales', logisticsAgent);
    expectCleanProblem(refused, 404, 'not-found');
    expect(refused.text).not.toContain('logistics');
    expectCleanProblem(await figuresOf('sales', `nobody-${run}`), 404, 'not-found');
  });

  describe.each(otherDepartments)('%s', (_label, who) => {
    it('cannot read the complaint: 404, as if it did not exist', async () => {
      const response = await api(`/complaints/${complaint.id}`, { token: tokens[who] });
      expectCleanProblem(response, 404, 'not-found');
      expect(response.text).not.toContain('logistics');
    });

    it.each([
      ['responses', { message: '越权回复' }],
      ['assign', { ownerId: `authz-sales-${run}` }],
      ['transfer', { department: 'sales', reason: '越权转交' }],
      ['await-customer', { note: 'x' }],
      ['resume', { note: 'x' }],
      ['resolve', { plan: 'x', customerAgreed: true }],
      ['close', {}],
      ['reopen', { reason: 'x' }],
    ])('cannot %s it: 404 and nothing changes', async (action, body) => {
      const before = await complaintState(complaint.id);
      const response = await api(`/complaints/${complaint.id}/${action}`, {
        token: tokens[who],
        body,
      });
      expectCleanProblem(response, 404, 'not-found');
      expect(await complaintState(complaint.id)).toEqual(before);
    });

    it('cannot find it by its number: an empty list, as for a number nobody has', async () => {
      for (const number of [complaint.number, complaint.number.toLowerCase()]) {
        const response = await api<{ items: unknown[] }>(
          `/complaints?number=${encodeURIComponent(number)}`,
          { token: tokens[who] },
        );
        expect(response.text).not.toContain(complaint.id);
        if (response.status === 200) expect(response.body.items).toEqual([]);
        else expectCleanProblem(response, 422, 'rule-violated');
      }
      const own = await api<{ items: { id: string }[] }>(
        `/complaints?number=${encodeURIComponent(complaint.number)}`,
        { token: tokens.logistics },
      );
      expect(own.body.items.map((item) => item.id)).toEqual([complaint.id]);
    });

    it('cannot list it, neither by naming the department nor through the customer', async () => {
      const named = await api(`/complaints?department=logistics`, { token: tokens[who] });
      expectCleanProblem(named, 422, 'rule-violated');
      expect(named.text).not.toContain(complaint.id);
      for (const path of [
        `/complaints?customerId=${customerId}`,
        `/customers/${customerId}/complaints`,
      ]) {
        const response = await api(path, { token: tokens[who] });
        expect(response.text).not.toContain(complaint.id);
        if (response.status !== 200) expectCleanProblem(response, 422, 'rule-violated');
      }
    });
  });

  describe('revisits of another department', () => {
    let revisit: Revisit;
    beforeAll(async () => {
      revisit = await logisticsRevisit();
    });

    it('are readable by their own department (the refusals below are about the department)', async () => {
      expect((await api(`/revisits/${revisit.id}`, { token: tokens.logistics })).status).toBe(200);
    });

    it('cannot be read by a sales agent: 404', async () => {
      expectCleanProblem(
        await api(`/revisits/${revisit.id}`, { token: tokens.salesStaff }),
        404,
        'not-found',
      );
    });

    it('cannot be listed by a sales agent, by department or by assignee', async () => {
      for (const query of [
        'department=logistics&status=planned',
        `assignee=${logisticsAgent}&status=planned`,
      ]) {
        const response = await api(`/revisits?${query}`, { token: tokens.salesStaff });
        expect(response.status).not.toBeGreaterThanOrEqual(500);
        expect(response.text).not.toContain(revisit.id);
      }
    });

    it('cannot have an outcome recorded by a sales agent: 404 and nothing changes', async () => {
      const target = await logisticsRevisit();
      const before = await revisitState(target.id);
      const response = await api(`/revisits/${target.id}/outcome`, {
        token: tokens.salesStaff,
        body: { reached: false, notes: '越权' },
      });
      expectCleanProblem(response, 404, 'not-found');
      expect(await revisitState(target.id)).toEqual(before);
    });

    it('cannot be claimed or assigned by a sales agent or supervisor: 404 and nothing changes', async () => {
      const target = await logisticsRevisit();
      const before = await revisitState(target.id);
      for (const [token, body] of [
        [tokens.salesStaff, {}],
        [tokens.salesSupervisor, { assigneeId: `sales-member-${run}` }],
      ] as const) {
        const response = await api(`/revisits/${target.id}/assign`, { token, body });
        expectCleanProblem(response, 404, 'not-found');
      }
      expect(await revisitState(target.id)).toEqual(before);
      expect((await readRevisit(target.id)).assigneeId).toBe(logisticsAgent);
    });

    it('cannot have a complaint opened from it by a sales agent: 404 and nothing opened', async () => {
      const target = await logisticsRevisit();
      const before = await customerComplaintIds(customerId);
      const response = await api(`/revisits/${target.id}/complaint`, {
        token: tokens.salesStaff,
        body: { description: '越权投诉' },
      });
      expectCleanProblem(response, 404, 'not-found');
      expect(await customerComplaintIds(customerId)).toEqual(before);
    });

    it('cannot be planned by a sales agent for the logistics department', async () => {
      const assignee = `authz-planned-${run}`;
      const response = await api('/revisits', {
        token: tokens.salesStaff,
        body: {
          customerId,
          dueAt: new Date((await clockNow()) + 86_400_000).toISOString(),
          channel: 'phone',
          department: 'logistics',
          assigneeId: assignee,
          reason: 'x',
        },
      });
      expect(response.status, `status ${response.status}`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const listed = await api(`/revisits?assignee=${assignee}&status=planned`, {
        token: admin,
      });
      expect(listed.body).toEqual({ items: [] });
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Mass assignment: server-owned fields in request bodies
// ---------------------------------------------------------------------------------------------

type Shape = Record<string, unknown>;
const shapeOf = (schema: z.ZodMiniType | undefined): Shape =>
  ((schema as unknown as { shape?: Shape } | undefined)?.shape ?? {}) as Shape;

/** Fields the server owns: the brief's list, and every field of the answer the body does not take. */
const serverOwnedFields = (operationId: keyof typeof operations): string[] => {
  const contract = operations[operationId] as {
    body?: z.ZodMiniType;
    responses: Record<number, { schema?: z.ZodMiniType }>;
  };
  const accepted = new Set(Object.keys(shapeOf(contract.body)));
  const answered = Object.values(contract.responses).flatMap((response) =>
    Object.keys(shapeOf(response.schema)),
  );
  return [
    ...new Set(['id', 'status', 'version', 'createdAt', 'updatedAt', 'department', ...answered]),
  ].filter((field) => !accepted.has(field));
};

const VALUES: Record<string, unknown> = {
  id: '01KZ0000000000000000000X01',
  status: 'closed',
  version: 99,
  createdAt: '2020-01-01T00:00:00Z',
  updatedAt: '2020-01-01T00:00:00Z',
  department: 'finance',
  defaults: false,
  counters: { planned: 1000 },
};

interface WriteCase {
  path: string;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** State that must be the same before and after a refused request. */
  state: () => Promise<unknown>;
}

describe('mass assignment on every route that takes a body', () => {
  let complaintId: string;
  let revisitId: string;
  const email = `mass.${run}@example.com`;
  const writeCases = new Map<string, () => Promise<WriteCase>>();

  const get = async (path: string) => (await api(path, { token: admin })).body;
  const settings = async (path: string, key: string) =>
    ((await get(path)) as Record<string, unknown>)[key];
  const campaigns = async () => (await tableCensus()).Campaign ?? 0;
  /** A subscription to write to, disabled at once so that it receives nothing. */
  let webhookId: Promise<string> | undefined;
  const massWebhook = () =>
    (webhookId ??= (async () => {
      const created = await api<{ webhook: { id: string } }>('/webhooks', {
        token: admin,
        body: { url: 'http://127.0.0.1:9/mass', eventTypes: ['SurveyReplyUnread'] },
      });
      const id = created.body.webhook.id;
      await api(`/webhooks/${id}`, {
        method: 'PATCH',
        token: admin,
        headers: { 'if-match': '"v1"' },
        body: { status: 'disabled' },
      });
      return id;
    })());
  const complaintActionCase = (action: string, body: Record<string, unknown>) => async () => ({
    path: `/complaints/${complaintId}/${action}`,
    body,
    state: () => complaintState(complaintId),
  });

  beforeAll(async () => {
    customerId = await createCustomer();
    complaintId = (await logisticsComplaint(customerId)).id;
    const planned = await api<{ id: string }>('/revisits', {
      token: admin,
      body: {
        customerId,
        dueAt: new Date((await clockNow()) + 30 * 86_400_000).toISOString(),
        channel: 'phone',
        reason: 'mass assignment',
      },
    });
    revisitId = planned.body.id;
    const later = new Date((await clockNow()) + 86_400_000).toISOString();

    writeCases.set('createCustomer', async () => ({
      path: '/customers',
      body: newCustomer({ email }),
      state: () => get(`/customers?email=${encodeURIComponent(email)}`),
    }));
    writeCases.set('updateCustomer', async () => {
      const current = await api<{ version: number }>(`/customers/${customerId}`, { token: admin });
      return {
        path: `/customers/${customerId}`,
        body: { tier: 'platinum' },
        headers: { 'if-match': `"v${current.body.version}"` },
        state: () => get(`/customers/${customerId}`),
      };
    });
    writeCases.set('addInteraction', async () => ({
      path: `/customers/${customerId}/interactions`,
      body: { channel: 'phone', occurredAt: later, need: 'x' },
      state: () => get(`/customers/${customerId}/interactions`),
    }));
    writeCases.set('createComplaint', async () => ({
      path: '/complaints',
      body: { customerId, channel: 'web', subject: 'x', description: 'x' },
      state: () => customerComplaintIds(customerId),
    }));
    writeCases.set('respondToComplaint', complaintActionCase('responses', { message: 'x' }));
    writeCases.set('assignComplaint', complaintActionCase('assign', { ownerId: 'x' }));
    writeCases.set(
      'transferComplaint',
      complaintActionCase('transfer', { department: 'sales', reason: 'x' }),
    );
    writeCases.set('awaitCustomer', complaintActionCase('await-customer', { note: 'x' }));
    writeCases.set('resumeComplaint', complaintActionCase('resume', {}));
    writeCases.set(
      'resolveComplaint',
      complaintActionCase('resolve', { plan: 'x', customerAgreed: true }),
    );
    writeCases.set('closeComplaint', complaintActionCase('close', {}));
    writeCases.set('reopenComplaint', complaintActionCase('reopen', { reason: 'x' }));
    writeCases.set('putDepartment', async () => ({
      path: '/departments/finance',
      body: { name: '财务部' },
      state: () => get('/departments'),
    }));
    writeCases.set('putStaffMember', async () => ({
      path: `/staff/mass-${run}`,
      body: {
        name: 'x',
        email: `mass-${run}@staff.example.com`,
        department: 'finance',
        role: 'agent',
        onDuty: false,
      },
      state: () => get('/staff?department=finance'),
    }));
    writeCases.set('putRoutingRules', async () => ({
      path: '/routing-rules',
      body: { rules: [] },
      state: () => get('/routing-rules'),
    }));
    writeCases.set('putSlaPolicies', async () => ({
      path: '/sla-policies',
      body: { policies: await settings('/sla-policies', 'policies') },
      state: () => get('/sla-policies'),
    }));
    writeCases.set('putCalendar', async () => ({
      path: '/calendars/default',
      body: (await settings('/calendars/default', 'settings')) as Record<string, unknown>,
      state: () => get('/calendars/default'),
    }));
    writeCases.set('recordService', async () => ({
      path: '/services',
      body: { customerId, kind: 'repair', completedAt: later },
      state: () => get(`/customers/${customerId}/services`),
    }));
    writeCases.set('recordRevisitOutcome', async () => ({
      path: `/revisits/${revisitId}/outcome`,
      body: { reached: false },
      state: () => revisitState(revisitId),
    }));
    const actionBody = () => ({
      title: 'mass assignment',
      answers: { complaints: [complaintId] },
      goal: { figure: 'satisfactionRate', target: 0.9, by: '2030-01-01' },
      measures: ['x'],
      ownerId: logisticsAgent,
      department: 'logistics',
      dueAt: '2030-01-01T00:00:00Z',
    });
    const actionsOf = () => get(`/improvement-actions?owner=${logisticsAgent}`);
    writeCases.set('planImprovementAction', async () => ({
      path: '/improvement-actions',
      body: actionBody(),
      state: actionsOf,
    }));
    writeCases.set('changeImprovementActionStatus', async () => {
      const planned = await api<{ id: string }>('/improvement-actions', {
        token: admin,
        body: actionBody(),
      });
      return {
        path: `/improvement-actions/${planned.body.id}/status`,
        body: { status: 'in-progress' },
        state: () => get(`/improvement-actions/${planned.body.id}`),
      };
    });
    const trainingBody = () => ({
      topic: 'mass assignment',
      heldAt: '2026-01-01T00:00:00Z',
      trainerId: logisticsAgent,
      department: 'logistics',
      attendees: [logisticsAgent],
    });
    writeCases.set('planTraining', async () => ({
      path: '/trainings',
      body: trainingBody(),
      state: () => get(`/trainings?trainer=${logisticsAgent}`),
    }));
    writeCases.set('recordTrainingResult', async () => {
      const planned = await api<{ id: string }>('/trainings', {
        token: admin,
        body: trainingBody(),
      });
      return {
        path: `/trainings/${planned.body.id}/results`,
        body: {
          checkpoint: 'immediate',
          task: 'knowledge-test',
          attendeeId: logisticsAgent,
          score: 80,
        },
        state: () => get(`/trainings/${planned.body.id}`),
      };
    });
    writeCases.set('assignRevisit', async () => ({
      path: `/revisits/${revisitId}/assign`,
      body: {},
      state: async () => [await revisitState(revisitId), (await readRevisit(revisitId)).assigneeId],
    }));
    writeCases.set('openComplaintFromRevisit', async () => ({
      path: `/revisits/${revisitId}/complaint`,
      body: { description: 'x' },
      state: async () => [await revisitState(revisitId), await customerComplaintIds(customerId)],
    }));
    writeCases.set('planRevisit', async () => ({
      path: '/revisits',
      body: { customerId, dueAt: later, channel: 'phone', assigneeId: `mass-${run}`, reason: 'x' },
      state: () => get(`/revisits?assignee=mass-${run}&status=planned`),
    }));
    writeCases.set('putRevisitPolicies', async () => ({
      path: '/revisit-policies',
      body: { policies: await settings('/revisit-policies', 'policies') },
      state: () => get('/revisit-policies'),
    }));
    writeCases.set('startSurveyCampaign', async () => ({
      path: '/survey-campaigns',
      body: { name: 'x', audience: { tags: [`nobody-${run}`] } },
      state: campaigns,
    }));
    writeCases.set('putSurveySettings', async () => ({
      path: '/survey-settings',
      body: (await settings('/survey-settings', 'settings')) as Record<string, unknown>,
      state: () => get('/survey-settings'),
    }));
    writeCases.set('createWebhook', async () => ({
      path: '/webhooks',
      body: { url: 'http://127.0.0.1:9/mass', eventTypes: ['SurveyReplyUnread'] },
      state: () => get('/webhooks'),
    }));
    writeCases.set('updateWebhook', async () => ({
      path: `/webhooks/${await massWebhook()}`,
      body: { description: 'x' },
      headers: { 'if-match': '"v2"' },
      state: async () => get(`/webhooks/${await massWebhook()}`),
    }));
    writeCases.set('redeliverWebhook', async () => ({
      path: `/webhooks/${await massWebhook()}/redeliver`,
      body: { eventId: '01KZ0000000000000000000E01' },
      state: async () => get(`/webhooks/${await massWebhook()}/deliveries`),
    }));
    writeCases.set('publishPrivacyNotice', async () => ({
      path: `/privacy-notices/mass-${run}`,
      body: {
        title: { 'zh-CN': '隐私', 'zh-TW': '隱私', en: 'Privacy' },
        text: { 'zh-CN': '说明', 'zh-TW': '說明', en: 'Notice' },
        purposes: ['surveys'],
        material: false,
      },
      state: () => get('/privacy-notices?limit=100'),
    }));
    writeCases.set('putReportSettings', async () => ({
      path: '/report-settings',
      body: (await settings('/report-settings', 'settings')) as Record<string, unknown>,
      state: () => get('/report-settings'),
    }));
  });

  const writeRoutes = protectedRoutes.filter(takesBody);

  it('has a case for every route of the manifest that takes a body', () => {
    expect(writeRoutes.map((route) => route.operationId).sort()).toEqual(
      [...writeCases.keys()].sort(),
    );
  });

  it.each(writeRoutes.map((route) => [route.operationId, route] as const))(
    '%s refuses each server-owned field with 400 naming it, and stores nothing',
    async (operationId) => {
      const fields = serverOwnedFields(operationId as keyof typeof operations);
      expect(fields.length).toBeGreaterThan(0);
      const route = wiring.routes.find((candidate) => candidate.operationId === operationId)!;
      for (const field of fields) {
        const write = await writeCases.get(operationId)!();
        const before = await write.state();
        const response = await api(write.path, {
          method: route.method,
          token: admin,
          body: { ...write.body, [field]: VALUES[field] ?? 'x' },
          ...(write.headers ? { headers: write.headers } : {}),
        });
        expectCleanProblem(response, 400, 'validation-failed');
        const errors = (response.body as { errors?: { detail: string; pointer?: string }[] })
          .errors;
        // The one error is the injected field: the rest of the body was valid.
        expect(errors, `${field}: ${response.text}`).toEqual([
          { pointer: '#/', detail: `unknown field(s): ${field}` },
        ]);
        expect(await write.state(), `${field} changed something`).toEqual(before);
      }
    },
  );

  it('refuses server-owned fields inside the inline customer of a complaint', async () => {
    const before = await get(`/customers?email=${encodeURIComponent(email)}`);
    for (const field of [
      'id',
      'version',
      'createdAt',
      'updatedAt',
      'consents.surveys.recordedAt',
    ]) {
      const customer: Record<string, unknown> = newCustomer({ email });
      if (field.includes('.'))
        customer.consents = {
          surveys: { granted: true, source: 'x', recordedAt: VALUES.createdAt },
        };
      else customer[field] = VALUES[field];
      const response = await api('/complaints', {
        token: admin,
        body: { customer, channel: 'web', subject: 'x', description: 'x' },
      });
      expectCleanProblem(response, 400, 'validation-failed');
      expect(response.text).toContain(field.split('.').pop()!);
    }
    expect(await get(`/customers?email=${encodeURIComponent(email)}`)).toEqual(before);
  });
});
