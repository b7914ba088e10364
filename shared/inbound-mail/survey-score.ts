import { newTextOfReply } from './inbound-message';
import type { Score } from '../domain/surveys/scale';

/**
 * Words customers use for each score, longest first within a language, so that 非常不满意 is
 * read before 不满意 and 满意, and "very dissatisfied" before "satisfied".
 */
const PHRASES: [RegExp, Score][] = [
  [/非常不满意|非常不滿意|很不满意|很不滿意|极不满意|十分不满意/, 1],
  [/very\s+(dis|un)satisfied|extremely\s+(dis|un)satisfied|terrible|awful/i, 1],
  [/非常满意|非常滿意|很满意|很滿意|十分满意|特别满意/, 5],
  [/very\s+satisfied|extremely\s+satisfied|excellent|very\s+happy/i, 5],
  [/不满意|不滿意|不太满意|不太滿意/, 2],
  [/\b(dis|un)satisfied\b|not\s+satisfied|\bpoor\b/i, 2],
  [/一般|普通|还行|還行|马马虎虎/, 3],
  [/\bneutral\b|\baverage\b|\bso-so\b|\bokay\b|\bok\b/i, 3],
  [/满意|滿意/, 4],
  [/\bsatisfied\b|\bgood\b|\bhappy\b/i, 4],
];

const DIGIT = /^\s*([1-5１-５])(?![\d.])\s*(?:分|\/\s*5|星|stars?)?/i;
const FULL_WIDTH_OFFSET = '１'.charCodeAt(0) - '1'.charCodeAt(0);

export type ReadReply =
  { understood: true; score: Score; comment: string } | { understood: false; reason: string };

const LEADING_SEPARATORS = /^[\s,，.。;；:：!！·\-–—]+/;

const cleanComment = (text: string) =>
  text.replace(LEADING_SEPARATORS, '').replace(/\s+/g, ' ').trim();

/**
 * The text after a leading digit without the scale's own words for that same score ("5 非常满意，
 * 送货快" → "送货快"): they were read with the score and say nothing more. Words naming another
 * score stay, for a person to see.
 */
const withoutWordsOfScore = (text: string, score: Score): string => {
  const rest = text.replace(LEADING_SEPARATORS, '');
  const leading = PHRASES.find(([pattern]) => pattern.exec(rest)?.index === 0);
  if (!leading || leading[1] !== score) return rest;
  return rest.replace(leading[0], '');
};

/**
 * Reads a survey answer from the new text of a reply ("5", "满意", "非常不满意，送货太慢",
 * "Very satisfied - thanks!"). A leading digit wins; otherwise the words of the first line decide,
 * and only if they all point at one score. Anything else is left for a person, never guessed.
 */
export const readReply = (text: string): ReadReply => {
  const body = text.trim();
  if (!body) return { understood: false, reason: 'the reply is empty' };
  const digit = DIGIT.exec(body);
  if (digit?.[1]) {
    const code = digit[1].charCodeAt(0);
    const score = Number(
      String.fromCharCode(code >= 0xff10 ? code - FULL_WIDTH_OFFSET : code),
    ) as Score;
    const rest = withoutWordsOfScore(body.slice(digit[0].length), score);
    return { understood: true, score, comment: cleanComment(rest) };
  }
  const firstLine = body.split(/\r?\n/)[0] ?? '';
  const found = new Map<Score, RegExpExecArray>();
  let remaining = firstLine;
  for (const [pattern, score] of PHRASES) {
    const match = pattern.exec(remaining);
    if (!match) continue;
    if (!found.has(score)) found.set(score, match);
    remaining = remaining.replace(pattern, ' ');
  }
  if (found.size === 0) return { understood: false, reason: 'no score found in the reply' };
  if (found.size > 1) {
    return {
      understood: false,
      reason: `the reply names several scores (${[...found.keys()].join(', ')})`,
    };
  }
  const [score] = [...found.keys()] as [Score];
  const rest = [remaining, ...body.split(/\r?\n/).slice(1)].join('\n');
  return { understood: true, score, comment: cleanComment(rest) };
};

/**
 * Reads a survey answer from the text of an emailed reply: only what the customer wrote counts,
 * not the quoted survey (whose "5 非常满意 … 1 非常不满意" would otherwise be read) nor the
 * signature. What cannot be read is left for a person.
 */
export const readSurveyReply = (text: string): ReadReply => readReply(newTextOfReply(text));
