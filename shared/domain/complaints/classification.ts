/** How a complaint is classified: the channel it came by, its category, severity and priority. */
export const COMPLAINT_CHANNELS = ['phone', 'email', 'web', 'social', 'in_person', 'api'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** The standards' classification (产品质量, 服务态度, 售后, 物流, 账务, 隐私, 其他). */
export const CATEGORIES = [
  'product_quality',
  'service_attitude',
  'after_sales',
  'delivery',
  'billing',
  'privacy',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['low', 'normal', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
