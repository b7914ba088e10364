import { describe, expect, it } from 'vitest';
import { canonicalCrockford, ULID_PATTERN } from '../../../shared/domain/ids';
import { ulidSchema } from '../../../shared/http/contracts/common';
import * as z from '../../../shared/zod';

const ID = '01KZ8H3M9QZXN4W7T5VBCDEFGR';

describe('ids in any case', () => {
  it('reads any case and the look-alikes, and gives the canonical upper case', () => {
    expect(ulidSchema.parse(ID)).toBe(ID);
    expect(ulidSchema.parse(ID.toLowerCase())).toBe(ID);
    expect(ulidSchema.parse('oLkz8h3m9qzxn4w7t5vbcdefgr')).toBe(ID);
    expect(ulidSchema.parse('0iKZ8H3M9QZXN4W7T5VBCDEFGR')).toBe(ID);
    expect(canonicalCrockford('kf9oil')).toBe('KF9011');
  });

  it('refuses what is no ULID: U, other characters, other lengths', () => {
    for (const bad of [
      `${ID.slice(0, 25)}U`,
      `${ID.slice(0, 25)}u`,
      `${ID.slice(0, 25)}-`,
      ID.slice(1),
      `${ID}0`,
    ])
      expect(ulidSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('documents the spelling accepted in requests and the one given in answers', () => {
    const input = z.toJSONSchema(ulidSchema, { io: 'input' }) as { pattern: string };
    const output = z.toJSONSchema(ulidSchema, { io: 'output' }) as { pattern: string };
    expect(new RegExp(input.pattern).test(ID.toLowerCase())).toBe(true);
    expect(new RegExp(input.pattern).test(`${ID.slice(0, 25)}u`)).toBe(false);
    expect(output.pattern).toBe(ULID_PATTERN.source);
  });
});
