import type { Tier } from '../customers/customer';
import type { DepartmentId } from '../organization/departments';
import type { Category, ComplaintChannel, Priority, Severity } from './complaint';

/** When a rule applies: every condition given must hold (lists match any of their values). */
export interface RoutingConditions {
  categories?: Category[] | undefined;
  /** Matched case-insensitively in subject and description; Chinese and English alike. */
  keywords?: string[] | undefined;
  channels?: ComplaintChannel[] | undefined;
  tiers?: Tier[] | undefined;
  severities?: Severity[] | undefined;
}

export interface RoutingRule {
  id: string;
  description?: string | undefined;
  when: RoutingConditions;
  then: {
    department: DepartmentId;
    category?: Category | undefined;
    priority?: Priority | undefined;
  };
}

export interface RoutingInput {
  subject: string;
  description: string;
  category?: Category | undefined;
  channel: ComplaintChannel;
  severity: Severity;
  tier: Tier;
}

export interface RoutingDecision {
  department: DepartmentId;
  category: Category;
  priority: Priority;
  ruleId: string;
}

const PRIORITY_BY_SEVERITY: Record<Severity, Priority> = {
  critical: 'P1',
  high: 'P2',
  normal: 'P3',
  low: 'P4',
};

/** Where a complaint no rule claims goes: customer service triages it. */
export const FALLBACK_RULE_ID = 'fallback';

const anyOf = <T>(allowed: T[] | undefined, value: T) =>
  allowed === undefined || allowed.length === 0 || allowed.includes(value);

const matches = (rule: RoutingRule, input: RoutingInput, text: string): boolean =>
  (rule.when.categories === undefined ||
    rule.when.categories.length === 0 ||
    (input.category !== undefined && rule.when.categories.includes(input.category))) &&
  anyOf(rule.when.channels, input.channel) &&
  anyOf(rule.when.tiers, input.tier) &&
  anyOf(rule.when.severities, input.severity) &&
  (rule.when.keywords === undefined ||
    rule.when.keywords.length === 0 ||
    rule.when.keywords.some((keyword) => text.includes(keyword.toLowerCase())));

/**
 * First matching rule wins. The category the customer gave is kept; otherwise the rule's. The
 * priority is the rule's, else derived from severity (critical → P1 … low → P4).
 */
export const routeComplaint = (rules: RoutingRule[], input: RoutingInput): RoutingDecision => {
  const text = `${input.subject}\n${input.description}`.toLowerCase();
  const rule = rules.find((candidate) => matches(candidate, input, text));
  return {
    department: rule?.then.department ?? 'customer-service',
    category: input.category ?? rule?.then.category ?? 'other',
    priority: rule?.then.priority ?? PRIORITY_BY_SEVERITY[input.severity],
    ruleId: rule?.id ?? FALLBACK_RULE_ID,
  };
};

/** Sensible rules for a new installation; replaced through `PUT /routing-rules`. */
export const DEFAULT_ROUTING_RULES: RoutingRule[] = [
  {
    id: 'privacy',
    description: 'Personal-data concerns go to customer service at high priority',
    when: { keywords: ['隐私', '个人信息', 'privacy', 'personal data', 'gdpr'] },
    then: { department: 'customer-service', category: 'privacy', priority: 'P2' },
  },
  {
    id: 'delivery',
    when: {
      keywords: ['物流', '快递', '配送', '没收到', 'delivery', 'shipping', 'courier', 'parcel'],
    },
    then: { department: 'logistics', category: 'delivery' },
  },
  {
    id: 'billing',
    when: { keywords: ['发票', '扣款', '退款', '账单', 'invoice', 'refund', 'charged', 'billing'] },
    then: { department: 'finance', category: 'billing' },
  },
  {
    id: 'after-sales',
    when: {
      keywords: ['维修', '保修', '退货', '换货', 'repair', 'warranty', 'return', 'replacement'],
    },
    then: { department: 'after-sales', category: 'after_sales' },
  },
  {
    id: 'product-quality',
    when: { keywords: ['质量', '故障', '坏了', '损坏', 'defect', 'broken', 'faulty', 'quality'] },
    then: { department: 'technical-support', category: 'product_quality' },
  },
  {
    id: 'service-attitude',
    when: { keywords: ['态度', '客服', '不礼貌', 'rude', 'attitude', 'impolite'] },
    then: { department: 'customer-service', category: 'service_attitude' },
  },
  {
    id: 'by-category-delivery',
    when: { categories: ['delivery'] },
    then: { department: 'logistics' },
  },
  { id: 'by-category-billing', when: { categories: ['billing'] }, then: { department: 'finance' } },
  {
    id: 'by-category-after-sales',
    when: { categories: ['after_sales'] },
    then: { department: 'after-sales' },
  },
  {
    id: 'by-category-quality',
    when: { categories: ['product_quality'] },
    then: { department: 'technical-support' },
  },
];
