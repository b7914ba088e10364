import { describe, expect, it } from 'vitest';
import { applyCustomerPatch, createCustomer } from '../../../shared/domain/customers/customer';
import { DomainError } from '../../../shared/domain/errors';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const LATER = new Date('2026-11-02T09:30:00.000Z');

const customer = () =>
  createCustomer(
    '01J00000000000000000000000',
    { name: '  李伟 ', email: 'li@example.com', tags: ['vip', ' vip', 'b2b'] },
    NOW,
  );

describe('createCustomer', () => {
  it('applies defaults: zh-CN, standard tier, consents not asked (never assumed granted)', () => {
    const created = customer();
    expect(created).toMatchObject({
      name: '李伟',
      preferredLanguage: 'zh-CN',
      tier: 'standard',
      version: 1,
    });
    expect(created.consents.surveys).toEqual({
      granted: false,
      source: 'not-asked',
      recordedAt: NOW.toISOString(),
    });
    expect(created.tags).toEqual(['vip', 'b2b']);
    expect(created.phone).toBeUndefined();
  });

  it('records consent with its own time and source when given', () => {
    const created = createCustomer(
      '01J00000000000000000000000',
      {
        name: 'Ann',
        phone: '+8613800138000',
        consents: {
          surveys: { granted: true, source: 'call-centre', at: '2026-10-01T00:00:00.000Z' },
          marketing: { granted: true, source: 'web' },
        },
      },
      NOW,
    );
    expect(created.consents.surveys).toEqual({
      granted: true,
      source: 'call-centre',
      recordedAt: '2026-10-01T00:00:00.000Z',
    });
    expect(created.consents.marketing.recordedAt).toBe(NOW.toISOString());
  });

  it('refuses a customer nobody can reach', () => {
    expect(() => createCustomer('01J00000000000000000000000', { name: 'Ghost' }, NOW)).toThrow(
      DomainError,
    );
  });
});

describe('applyCustomerPatch (JSON merge patch)', () => {
  it('changes given fields, keeps absent ones, bumps version and updatedAt', () => {
    const patched = applyCustomerPatch(
      customer(),
      { tier: 'gold', phone: '+8613800138000' },
      LATER,
    );
    expect(patched).toMatchObject({
      tier: 'gold',
      phone: '+8613800138000',
      email: 'li@example.com',
      version: 2,
    });
    expect(patched.updatedAt).toBe(LATER.toISOString());
    expect(patched.createdAt).toBe(NOW.toISOString());
  });

  it('removes a field given as null', () => {
    const withPhone = applyCustomerPatch(
      customer(),
      { phone: '+8613800138000', preferredChannel: 'sms' },
      LATER,
    );
    const patched = applyCustomerPatch(withPhone, { email: null, preferredChannel: null }, LATER);
    expect('email' in patched).toBe(false);
    expect('preferredChannel' in patched).toBe(false);
  });

  it('refuses to remove the last way to reach the customer', () => {
    expect(() => applyCustomerPatch(customer(), { email: null }, LATER)).toThrow(
      /email or a phone/,
    );
  });

  it('replaces only the consents that are given, stamping them with the patch time', () => {
    const patched = applyCustomerPatch(
      customer(),
      { consents: { marketing: { granted: true, source: 'app' } } },
      LATER,
    );
    expect(patched.consents.marketing).toEqual({
      granted: true,
      source: 'app',
      recordedAt: LATER.toISOString(),
    });
    expect(patched.consents.surveys).toEqual(customer().consents.surveys);
  });
});
