/**
 * The words of complaint texts and survey comments, for "hot topics": Chinese is segmented into
 * words by Intl.Segmenter (ICU's dictionary, no dependency), English into words; filler words,
 * numbers and single characters are left out. Each text counts a word once.
 */
const SEGMENTER = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const CJK = /[\u3400-\u9fff]/;
const MAX_TERMS_PER_TEXT = 30;

const STOP_WORDS = new Set([
  // Chinese function words and fillers
  ...['我们', '你们', '他们', '这个', '那个', '没有', '什么', '怎么', '已经', '一个', '就是'],
  ...['还是', '但是', '因为', '所以', '如果', '可以', '现在', '时候', '非常', '谢谢', '您好'],
  ...['你好', '请问', '问题', '一下', '自己', '这样', '还有', '一直', '然后', '而且', '客服'],
  // the scale's own words say nothing about the topic
  ...['满意', '满意度', '滿意', '一般'],
  // English
  ...['the', 'and', 'for', 'you', 'your', 'are', 'was', 'were', 'with', 'this', 'that', 'have'],
  ...['has', 'had', 'not', 'but', 'our', 'they', 'them', 'from', 'very', 'would', 'could'],
  ...['please', 'thanks', 'thank', 'there', 'their', 'what', 'when', 'been', 'will', 'just'],
]);

const keep = (word: string) =>
  CJK.test(word) ? word.length >= 2 : /^[a-z][a-z'-]{2,}$/.test(word);

export const termsOf = (text: string): string[] => {
  const terms = new Set<string>();
  for (const segment of SEGMENTER.segment(text.normalize('NFKC').toLowerCase())) {
    if (!segment.isWordLike) continue;
    const word = segment.segment.trim();
    if (!keep(word) || STOP_WORDS.has(word)) continue;
    terms.add(word);
    if (terms.size >= MAX_TERMS_PER_TEXT) break;
  }
  return [...terms];
};

/** Term counts per period are spread over this many items (DynamoDB items hold 400 KB). */
export const TERM_SHARDS = 8;

export const termShard = (term: string): number => {
  let hash = 0;
  for (const char of term) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % TERM_SHARDS;
};
