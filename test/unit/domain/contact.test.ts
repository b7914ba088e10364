import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from '../../../shared/domain/customers/contact';

describe('contact normalization', () => {
  it('lower-cases and trims emails', () => {
    expect(normalizeEmail('  Li.Wei@Example.COM ')).toBe('li.wei@example.com');
  });

  it.each([
    ['13800138000', '+8613800138000'],
    ['138 0013 8000', '+8613800138000'],
    ['+86 138-0013-8000', '+8613800138000'],
    ['(010) 6552 9988', '+861065529988'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (415) 555-2671', '+14155552671'],
  ])('reads %s as %s', (input, e164) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164 });
  });

  it.each(['12', 'call me', '+86 123', '', '99999999999999999999'])('rejects %j', (input) => {
    expect(normalizePhone(input).ok).toBe(false);
  });
});
