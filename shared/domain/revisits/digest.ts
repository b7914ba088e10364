import type { Revisit } from './revisit';

export const DIGEST_SECTIONS = ['overdue', 'dueToday', 'new', 'open'] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

export interface DigestLine {
  revisitId: string;
  customerId: string;
  policyId: string;
  channel: string;
  /** The deadline. */
  dueAt: string;
  /** Whose it is; none on the unassigned list. */
  assigneeId?: string | undefined;
}

export type Digest = Record<DigestSection, DigestLine[]>;

/**
 * Which section of the day's digest a due revisit goes in, each once: past its deadline; due
 * before the day ends; opened since the last digest (a day ago); the rest of the open ones.
 */
export const digestSectionOf = (
  revisit: Pick<Revisit, 'dueAt' | 'opensAt'>,
  now: Date,
  endOfToday: Date,
): DigestSection => {
  if (revisit.dueAt < now.toISOString()) return 'overdue';
  if (revisit.dueAt < endOfToday.toISOString()) return 'dueToday';
  if (Date.parse(revisit.opensAt) > now.getTime() - 86_400_000) return 'new';
  return 'open';
};

/**
 * Who reads a due revisit in their digest: its owner; one nobody has taken goes to the
 * department's supervisor (the unassigned list), as does one escalated past its deadline.
 */
export const digestRecipientsOf = (
  revisit: Pick<Revisit, 'assigneeId' | 'escalatedAt'>,
  supervisorId: string | undefined,
): string[] => {
  const recipients = new Set<string>();
  if (revisit.assigneeId) recipients.add(revisit.assigneeId);
  if (supervisorId && (!revisit.assigneeId || revisit.escalatedAt)) recipients.add(supervisorId);
  return [...recipients];
};

export const emptyDigest = (): Digest => ({ overdue: [], dueToday: [], new: [], open: [] });
