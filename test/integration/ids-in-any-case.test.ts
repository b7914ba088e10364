import { beforeAll, describe, expect, it } from 'vitest';
import { ULID_PATTERN } from '../../shared/domain/ids';
import { api, eventually, newCustomer, tokenFor } from '../support/harness';
import {
  ALL_SCOPES,
  inParallel,
  parametersOf,
  pathOf,
  PLAUSIBLE_PARAMETERS,
  protectedRoutes,
  takesBody,
} from '../support/routes';
import { surveyedCustomersTagged, surveysToken } from '../support/surveys';

/** A ULID as people and mail clients write it: lower case, I and L for 1, O for 0. */
const asWritten = (id: string) => id.toLowerCase().replaceAll('1', 'l').replaceAll('0', 'o');

const idRoutes = protectedRoutes.filter((route) =>
  parametersOf(route).some((name) => ULID_PATTERN.test(PLAUSIBLE_PARAMETERS[name] ?? '')),
);

let token: string;
beforeAll(async () => {
  token = await tokenFor(ALL_SCOPES, { role: 'admin', subject: 'ids-in-any-case' });
});

describe('an id in a path, in any case', () => {
  it('gets the answer its canonical spelling gets, on every route with an id', async () => {
    expect(idRoutes.length).toBeGreaterThan(20);
    const answers = await inParallel(idRoutes, 4, async (route) => {
      const ask = async (path: string) => {
        const response = await api<{ type?: string; errors?: unknown[] }>(path, {
          method: route.method,
          token,
          ...(takesBody(route) ? { body: {} } : {}),
        });
        return {
          status: response.status,
          type: response.body?.type,
          errors: response.body?.errors,
        };
      };
      const written = Object.fromEntries(
        parametersOf(route).map((name) => {
          const plausible = PLAUSIBLE_PARAMETERS[name] ?? '';
          return [name, ULID_PATTERN.test(plausible) ? asWritten(plausible) : plausible];
        }),
      );
      return {
        route: `${route.method} ${route.path}`,
        canonical: await ask(pathOf(route)),
        written: await ask(pathOf(route, written)),
      };
    });
    for (const { route, canonical, written } of answers) {
      expect(written, route).toEqual(canonical);
      expect(canonical.status, route).not.toBe(500);
    }
  });

  it('reaches the same customer, complaint, revisit and survey, answered in upper case', async () => {
    const customer = await api<{ id: string }>('/customers', { token, body: newCustomer() });
    expect(customer.status).toBe(201);
    const complaint = await api<{ id: string; customerId: string }>('/complaints', {
      token,
      body: {
        customerId: customer.body.id.toLowerCase(),
        channel: 'phone',
        subject: '洗衣机漏水',
        description: '新买的洗衣机第一次用就漏水',
      },
    });
    expect(complaint.status).toBe(201);
    expect(complaint.body.customerId).toBe(customer.body.id);
    // Routing and assignment change the complaint in the background: compare it once settled.
    await eventually(async () => {
      const current = await api<{ status: string; unassignable?: unknown }>(
        `/complaints/${complaint.body.id}`,
        { token },
      );
      return current.body.status === 'assigned' || current.body.unassignable ? true : undefined;
    }, 'the complaint to be assigned or marked unassignable');
    const revisit = await api<{ id: string }>('/revisits', {
      token,
      body: {
        customerId: asWritten(customer.body.id),
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        channel: 'phone',
        reason: '回访漏水问题',
      },
    });
    expect(revisit.status).toBe(201);
    const [surveyed] = await surveyedCustomersTagged(`ids-${Date.now().toString(36)}`, 1);
    // The Reply-To of the survey email carries the survey id in lower case.
    const surveyIdInReplyTo = /^s\.([0-9a-z]{26})\./.exec(surveyed!.replyTo)?.[1];
    expect(surveyIdInReplyTo).toBe(surveyed!.survey.id.toLowerCase());

    for (const [path, id, reader] of [
      ['/customers', customer.body.id, token],
      ['/complaints', complaint.body.id, token],
      ['/revisits', revisit.body.id, token],
      ['/surveys', surveyed!.survey.id, await surveysToken()],
    ] as const) {
      const canonical = await api<{ id: string }>(`${path}/${id}`, { token: reader });
      expect(canonical.status, path).toBe(200);
      for (const spelling of [id.toLowerCase(), asWritten(id)]) {
        const written = await api<{ id: string }>(`${path}/${spelling}`, { token: reader });
        expect(written.status, `${path}/${spelling}`).toBe(200);
        expect(written.body.id).toBe(id);
        expect(written.body).toEqual(canonical.body);
      }
    }
    expect(
      (await api(`/surveys/${surveyIdInReplyTo}`, { token: await surveysToken() })).status,
    ).toBe(200);
  });

  it('still refuses what is no ULID, naming the parameter', async () => {
    for (const bad of ['01kz000000000000000000000u', '01KZ', `${'0'.repeat(26)}!`]) {
      const response = await api<{ type: string; errors: { parameter?: string }[] }>(
        `/customers/${encodeURIComponent(bad)}`,
        { token },
      );
      expect(response.status, bad).toBe(400);
      expect(response.body.type).toBe('/problems/validation-failed');
      expect(response.body.errors.map((error) => error.parameter)).toEqual(['customerId']);
    }
  });
});
