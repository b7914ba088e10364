import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROUTING_RULES,
  routeComplaint,
  type RoutingInput,
  type RoutingRule,
} from '../../../shared/domain/complaints/routing';

const input = (overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  subject: '',
  description: '',
  channel: 'web',
  severity: 'normal',
  tier: 'standard',
  ...overrides,
});

describe('routing rules', () => {
  it.each([
    ['快递三天没收到', 'logistics', 'delivery'],
    ['The parcel never arrived, courier lost it', 'logistics', 'delivery'],
    ['重复扣款，请退款', 'finance', 'billing'],
    ['手机坏了，要求保修维修', 'after-sales', 'after_sales'],
    ['产品质量太差，一用就故障', 'technical-support', 'product_quality'],
    ['客服态度很差', 'customer-service', 'service_attitude'],
    ['我的个人信息被泄露了', 'customer-service', 'privacy'],
  ])('sends "%s" to %s as %s by keywords (zh and en)', (subject, department, category) => {
    expect(routeComplaint(DEFAULT_ROUTING_RULES, input({ subject }))).toMatchObject({
      department,
      category,
    });
  });

  it('keeps the category the customer chose and derives priority from severity', () => {
    const decision = routeComplaint(
      DEFAULT_ROUTING_RULES,
      input({ subject: 'x', category: 'billing', severity: 'critical' }),
    );
    expect(decision).toMatchObject({ department: 'finance', category: 'billing', priority: 'P1' });
  });

  it('falls back to customer service, category other, for what no rule claims', () => {
    expect(
      routeComplaint(DEFAULT_ROUTING_RULES, input({ subject: 'hello', severity: 'low' })),
    ).toEqual({
      department: 'customer-service',
      category: 'other',
      priority: 'P4',
      ruleId: 'fallback',
    });
  });

  it('takes the first rule whose every condition holds (tier, channel, severity)', () => {
    const rules: RoutingRule[] = [
      {
        id: 'vip-phone',
        when: { tiers: ['platinum'], channels: ['phone'] },
        then: { department: 'sales', priority: 'P1' },
      },
      { id: 'vip', when: { tiers: ['platinum'] }, then: { department: 'after-sales' } },
    ];
    expect(routeComplaint(rules, input({ tier: 'platinum', channel: 'phone' })).ruleId).toBe(
      'vip-phone',
    );
    expect(routeComplaint(rules, input({ tier: 'platinum', channel: 'email' })).ruleId).toBe('vip');
    expect(routeComplaint(rules, input({ tier: 'gold', channel: 'phone' })).ruleId).toBe(
      'fallback',
    );
  });
});
