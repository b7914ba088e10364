import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  eventually,
  expectCleanProblem,
  newCustomer,
  tokenFor,
  expectForbiddenByAuthorizer,
} from '../support/harness';

interface PolicySet {
  policies: { id: string; firstResponse: { afterMs: number; clock: string } }[];
  version: number;
  defaults?: boolean;
}

let admin: string;
beforeAll(async () => {
  admin = await tokenFor(['admin', 'complaints:read', 'complaints:write'], { role: 'admin' });
  await api('/departments/customer-service', {
    method: 'PUT',
    token: admin,
    body: { name: '客服部' },
  });
  await api('/routing-rules', { method: 'PUT', token: admin, body: { rules: [] } });
});

describe('/sla-policies', () => {
  it('starts from the standards (24 business hours but 48 clock hours at most, 48 hours), validates, and applies stored policies', async () => {
    const initial = await api<PolicySet>('/sla-policies', { token: admin });
    expect(initial.status).toBe(200);
    const standard = initial.body.policies.find((policy) => policy.id === 'standard');
    expect(standard?.firstResponse).toEqual({
      afterMs: 24 * 3_600_000,
      clock: 'business',
      maxClockHours: 48,
    });

    const tooShort = {
      policies: [
        {
          id: 'x',
          when: {},
          firstResponse: { afterMs: 0, clock: 'business' },
          resolution: { afterMs: 3_600_000, clock: 'calendar' },
        },
      ],
    };
    expectCleanProblem(
      await api('/sla-policies', { method: 'PUT', token: admin, body: tooShort }),
      400,
      'validation-failed',
    );
    const twice = {
      policies: [0, 1].map(() => ({
        id: 'same',
        when: {},
        firstResponse: { afterMs: 3_600_000, clock: 'business' },
        resolution: { afterMs: 3_600_000, clock: 'calendar' },
      })),
    };
    expectCleanProblem(
      await api('/sla-policies', { method: 'PUT', token: admin, body: twice }),
      400,
      'validation-failed',
    );
    expectForbiddenByAuthorizer(
      await api('/sla-policies', {
        method: 'PUT',
        token: await tokenFor(['complaints:write']),
        body: twice,
      }),
      ['admin'],
    );

    const quick = {
      policies: [
        {
          id: 'quick',
          when: {},
          firstResponse: { afterMs: 3_600_000, clock: 'calendar' },
          resolution: { afterMs: 2 * 3_600_000, clock: 'calendar' },
        },
      ],
    };
    const stored = await api<PolicySet>('/sla-policies', {
      method: 'PUT',
      token: admin,
      body: quick,
    });
    expect(stored.status).toBe(200);
    try {
      const { body } = await api<{ id: string; receivedAt: string }>('/complaints', {
        token: admin,
        body: { customer: newCustomer(), channel: 'web', subject: 'slow', description: 'slow' },
      });
      const routed = await eventually(async () => {
        const complaint = (
          await api<{ status: string; sla?: { policyId: string; firstResponseDue: string } }>(
            `/complaints/${body.id}`,
            { token: admin },
          )
        ).body;
        return complaint.sla ? complaint : undefined;
      }, 'routing');
      expect(routed.sla?.policyId).toBe('quick');
      expect(Date.parse(routed.sla?.firstResponseDue ?? '') - Date.parse(body.receivedAt)).toBe(
        3_600_000,
      );
    } finally {
      await api('/sla-policies', {
        method: 'PUT',
        token: admin,
        body: { policies: initial.body.policies },
      });
    }
  });

  it('refuses a policy whose resolution could fall due before its first reply, naming it and the field', async () => {
    const target = (afterMs: number, clock: string, maxClockHours?: number | null) => ({
      afterMs,
      clock,
      ...(maxClockHours === undefined ? {} : { maxClockHours }),
    });
    const before = await api<PolicySet>('/sla-policies', { token: admin });
    const incoherent = {
      policies: [
        {
          id: 'fine',
          when: { priorities: ['P1'] },
          firstResponse: target(3_600_000, 'business'),
          resolution: target(2 * 3_600_000, 'business'),
        },
        {
          // 24 business hours with no cap against 48 clock hours: a Thursday-afternoon complaint
          // would be resolved on Saturday and first answered on Tuesday.
          id: 'old-standard',
          when: {},
          firstResponse: target(24 * 3_600_000, 'business', null),
          resolution: target(48 * 3_600_000, 'calendar'),
        },
      ],
    };
    const refused = await api<{ policyId: string; errors: { pointer: string }[]; detail: string }>(
      '/sla-policies',
      { method: 'PUT', token: admin, body: incoherent },
    );
    expectCleanProblem(refused, 422, 'rule-violated');
    expect(refused.body.policyId).toBe('old-standard');
    expect(refused.body.errors.map((error) => error.pointer)).toEqual(['#/policies/1/resolution']);
    expect(refused.body.detail).toContain('old-standard');
    expect((await api<PolicySet>('/sla-policies', { token: admin })).body.version).toBe(
      before.body.version,
    );

    // A cap out of range or of the wrong type is a validation failure; null is accepted.
    for (const maxClockHours of [0, 1.5, '48', 9000]) {
      expectCleanProblem(
        await api('/sla-policies', {
          method: 'PUT',
          token: admin,
          body: {
            policies: [
              {
                id: 'x',
                when: {},
                firstResponse: { afterMs: 3_600_000, clock: 'calendar', maxClockHours },
                resolution: target(2 * 3_600_000, 'calendar'),
              },
            ],
          },
        }),
        400,
        'validation-failed',
      );
    }
    const coherent = {
      policies: [
        {
          id: 'uncapped',
          when: {},
          firstResponse: target(8 * 3_600_000, 'business', null),
          resolution: target(16 * 3_600_000, 'business', null),
          escalationsWaitForWorkingHours: true,
        },
      ],
    };
    try {
      const stored = await api<PolicySet>('/sla-policies', {
        method: 'PUT',
        token: admin,
        body: coherent,
      });
      expect(stored.status).toBe(200);
      expect((await api<PolicySet>('/sla-policies', { token: admin })).body.policies).toEqual(
        coherent.policies,
      );
    } finally {
      await api('/sla-policies', {
        method: 'PUT',
        token: admin,
        body: { policies: before.body.policies },
      });
    }
  });
});
