import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../infra/local/gateway-event';
import { wiring } from '../../../wiring/manifest';

describe('local gateway route matching', () => {
  it('matches templates and decodes path parameters', () => {
    const matched = matchRoute(wiring.routes, 'GET', '/customers/01J%2000/interactions');
    expect(matched?.route.operationId).toBe('listInteractions');
    expect(matched?.pathParameters).toEqual({ customerId: '01J 00' });
  });

  it('distinguishes methods and refuses extra segments', () => {
    expect(matchRoute(wiring.routes, 'PATCH', '/customers/X')?.route.operationId).toBe(
      'updateCustomer',
    );
    expect(matchRoute(wiring.routes, 'PUT', '/customers/X')).toBeUndefined();
    expect(matchRoute(wiring.routes, 'GET', '/customers/X/Y')).toBeUndefined();
  });
});
