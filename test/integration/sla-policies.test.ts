import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, expectCleanProblem, newCustomer, tokenFor } from '../support/harness';

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
  it('starts from the standards (24 business hours, 48 hours), validates, and applies stored policies', async () => {
    const initial = await api<PolicySet>('/sla-policies', { token: admin });
    expect(initial.status).toBe(200);
    const standard = initial.body.policies.find((policy) => policy.id === 'standard');
    expect(standard?.firstResponse).toEqual({ afterMs: 24 * 3_600_000, clock: 'business' });

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
    expectCleanProblem(
      await api('/sla-policies', {
        method: 'PUT',
        token: await tokenFor(['complaints:write']),
        body: twice,
      }),
      403,
      'insufficient-scope',
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
});
