import { describe, expect, it } from 'vitest';
import {
  complaintNumberInText,
  normalizeComplaintNumber,
} from '../../../shared/domain/complaints/complaint-number';
import { complaintNumber } from '../../../shared/domain/complaints/complaint';

const NUMBER = 'KF-20261203-7QK2MZ';

describe('complaint numbers as customers type them', () => {
  it('keeps the stored spelling as it is', () => {
    const stored = complaintNumber('01KZ00000000000000007QK2MZ', new Date('2026-12-03T08:00:00Z'));
    expect(stored).toBe(NUMBER);
    expect(normalizeComplaintNumber(stored)).toBe(NUMBER);
  });

  it.each([
    ['lower case', 'kf-20261203-7qk2mz'],
    ['full-width (Chinese input methods)', 'ＫＦ－２０２６１２０３－７ＱＫ２ＭＺ'],
    ['spaces around and inside', '  KF 20261203 7QK2MZ '],
    ['an ideographic space and an en dash', 'KF\u300020261203\u20137QK2MZ'],
    ['an em dash and a minus sign', 'KF\u201420261203\u22127QK2MZ'],
    ['the katakana prolonged sound mark of Japanese keyboards', 'KFー20261203ー7QK2MZ'],
    ['no separators', 'KF202612037QK2MZ'],
  ])('reads %s', (_label, typed) => {
    expect(normalizeComplaintNumber(typed)).toBe(NUMBER);
  });

  it('reads letters Crockford base32 leaves out as the digits they look like', () => {
    expect(normalizeComplaintNumber('KF-20261203-O1IL2Z')).toBe('KF-20261203-01112Z');
  });

  it.each([
    ['empty', ''],
    ['another prefix', 'KX-20261203-7QK2MZ'],
    ['a short date', 'KF-2026123-7QK2MZ'],
    ['month 13', 'KF-20261303-7QK2MZ'],
    ['day 00', 'KF-20261200-7QK2MZ'],
    ['a short suffix', 'KF-20261203-7QK2M'],
    ['a long suffix', 'KF-20261203-7QK2MZA'],
    ['a letter base32 never uses', 'KF-20261203-7QK2MU'],
    ['punctuation', 'KF-20261203-7QK2M!'],
    ['an id instead', '01KZ00000000000000007QK2MZ'],
    ['something very long', `KF-20261203-7QK2MZ${' '.repeat(100)}`],
  ])('refuses %s', (_label, typed) => {
    expect(normalizeComplaintNumber(typed)).toBeUndefined();
  });

  it('finds a number inside an email subject, however it was written', () => {
    expect(complaintNumberInText(`Re: 【受理回执】您的投诉已受理（编号 ${NUMBER}）`)).toBe(NUMBER);
    expect(complaintNumberInText('回复：编号ＫＦ－２０２６１２０３－７ＱＫ２ＭＺ，谢谢')).toBe(
      NUMBER,
    );
    expect(complaintNumberInText('about kf 20261203 7qk2mz please')).toBe(NUMBER);
    expect(complaintNumberInText('order KF-20261203-7QK2MZ9 is not one')).toBeUndefined();
    expect(complaintNumberInText('nothing here')).toBeUndefined();
  });
});
