import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventCatalog } from '../../events/catalog';
import { functionName, wiring } from '../../wiring/manifest';
import { operations } from '../../wiring/operations';

const root = resolve(import.meta.dirname, '../..');

describe('the wiring manifest', () => {
  const handlers = [
    ...wiring.routes.map((route) => route.handler),
    ...wiring.queues.map((queue) => queue.consumer.handler),
    ...wiring.schedules.map((schedule) => schedule.handler),
    ...wiring.streamConsumers.map((consumer) => consumer.handler),
  ];

  it('names handler files that exist', () => {
    for (const handler of handlers) expect(existsSync(resolve(root, handler)), handler).toBe(true);
  });

  it('pairs every route with exactly one operation contract and back', () => {
    const routeIds = wiring.routes.map((route) => route.operationId).sort();
    expect(new Set(routeIds).size).toBe(routeIds.length);
    expect(Object.keys(operations).sort()).toEqual(routeIds);
  });

  it('has no two routes on the same method and path', () => {
    const keys = wiring.routes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives each handler a distinct function name', () => {
    const distinct = [...new Set(handlers)];
    expect(new Set(distinct.map(functionName)).size).toBe(distinct.length);
    expect(functionName('functions/customers/create-customer.ts')).toBe(
      'customers-create-customer',
    );
  });

  it('routes events only to queues it declares, for events in the catalog', () => {
    const queues = new Set(wiring.queues.map((queue) => queue.name));
    for (const rule of wiring.eventRules) {
      expect(queues.has(rule.target.queue), rule.name).toBe(true);
      for (const type of rule.detailTypes) expect(Object.keys(eventCatalog)).toContain(type);
    }
  });
});
