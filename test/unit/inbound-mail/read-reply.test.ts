import { describe, expect, it } from 'vitest';
import { readReply } from '../../../shared/inbound-mail/survey-score';

describe('reading a survey answer from a reply', () => {
  it.each([
    ['5', 5, ''],
    ['  4 ', 4, ''],
    ['３', 3, ''],
    ['5分，服务很好', 5, '服务很好'],
    ['2/5 too slow', 2, 'too slow'],
    ['满意', 4, ''],
    ['非常满意！', 5, ''],
    ['非常不满意，送货太慢', 1, '送货太慢'],
    ['不满意。客服态度差', 2, '客服态度差'],
    ['一般吧', 3, '吧'],
    ['非常滿意', 5, ''],
    ['Very satisfied - thanks!', 5, 'thanks!'],
    ['Satisfied', 4, ''],
    ['very dissatisfied, the parcel was late', 1, 'the parcel was late'],
    ['Neutral\nthe app is confusing', 3, 'the app is confusing'],
    // The scale's own words for the score given are part of the answer, not a comment.
    ['5 非常满意', 5, ''],
    ['5 · 非常满意！', 5, ''],
    ['5分 非常满意，送货很快', 5, '送货很快'],
    ['4 满意 客服态度很好', 4, '客服态度很好'],
    ['1 非常不满意', 1, ''],
    ['5 Very satisfied - thanks!', 5, 'thanks!'],
    ['3 - Neutral', 3, ''],
    // Words naming another score are the customer's, kept for a person to see.
    ['5 不满意的是物流', 5, '不满意的是物流'],
  ])('reads %j as %i', (text, score, comment) => {
    expect(readReply(text)).toEqual({ understood: true, score, comment });
  });

  it.each([
    ['', 'empty'],
    ['谢谢', 'no score'],
    ['Please call me back', 'no score'],
    ['满意还是不满意呢', 'several scores'],
    ['10', 'no score'],
    ['4.5', 'no score'],
  ])('leaves %j for a person (%s)', (text, reason) => {
    const read = readReply(text);
    expect(read.understood).toBe(false);
    if (!read.understood) expect(read.reason).toContain(reason);
  });
});
