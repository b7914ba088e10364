import type { ConfirmationAnswer } from '../domain/complaints/confirmation';

/**
 * Words customers write back to a resolution email, negations first: "没有解决" holds "解决",
 * "not solved" holds "solved". Only the first line of the new text is read.
 */
const NOT_SOLVED: RegExp[] = [
  /(没有|没|還沒有|还没有|還沒|还没|未|並未|并未|尚未|仍未|沒有|沒)(能)?(完全)?(解决|解決|处理好|處理好|修好|好)/,
  /不满意|不滿意|问题(还|仍|依然)(在|存在)|問題(還|仍|依然)(在|存在)|不行|不對|不对/,
  /\b(not|never|isn'?t|wasn'?t|hasn'?t been|has not been|is not|was not)\s+(yet\s+)?(fully\s+)?(solved|resolved|fixed|sorted)\b/i,
  /\bstill\s+(broken|not|an issue|a problem|happening|waiting)\b|\bunsolved\b|\bunresolved\b|^\s*no\b/i,
];

const SOLVED: RegExp[] = [
  /已(经)?(解决|解決)|解决了|解決了|已(经)?(处理好|處理好|修好)|没问题了|沒問題了|满意|滿意|可以了|好的|谢谢|謝謝/,
  /\b(solved|resolved|fixed|sorted|all good|works now|thank you|thanks)\b|^\s*yes\b/i,
];

/**
 * "solved", "not solved", or undefined when the reply says neither or both — such a reply is
 * left for a person, never guessed.
 */
export const readConfirmationReply = (text: string): ConfirmationAnswer | undefined => {
  const firstLine = text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  if (!firstLine) return undefined;
  const notSolved = NOT_SOLVED.some((pattern) => pattern.test(firstLine));
  if (notSolved) {
    const rest = NOT_SOLVED.reduce((line, pattern) => line.replace(pattern, ' '), firstLine);
    return SOLVED.some((pattern) => pattern.test(rest)) && !/谢谢|謝謝|thank/i.test(rest)
      ? undefined
      : 'not_solved';
  }
  return SOLVED.some((pattern) => pattern.test(firstLine)) ? 'solved' : undefined;
};
