/** The standards' 5-point scale: 非常满意 5, 满意 4, 一般 3, 不满意 2, 非常不满意 1. */
export type Score = 1 | 2 | 3 | 4 | 5;

export const SCALE_LABELS: Record<'zh-CN' | 'zh-TW' | 'en', Record<Score, string>> = {
  'zh-CN': { 5: '非常满意', 4: '满意', 3: '一般', 2: '不满意', 1: '非常不满意' },
  'zh-TW': { 5: '非常滿意', 4: '滿意', 3: '普通', 2: '不滿意', 1: '非常不滿意' },
  en: {
    5: 'Very satisfied',
    4: 'Satisfied',
    3: 'Neutral',
    2: 'Dissatisfied',
    1: 'Very dissatisfied',
  },
};
