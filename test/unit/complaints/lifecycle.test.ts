import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  COMPLAINT_STATUSES,
  isOpen,
  transition,
} from '../../../shared/domain/complaints/lifecycle';
import { DomainError } from '../../../shared/domain/errors';

describe('complaint lifecycle', () => {
  it('follows received → routed → assigned → in_progress → resolved → closed', () => {
    let status = transition('received', 'route');
    status = transition(status, 'assign');
    status = transition(status, 'respond');
    expect(status).toBe('in_progress');
    status = transition(status, 'resolve');
    expect(transition(status, 'close')).toBe('closed');
  });

  it('waits on the customer from in_progress and comes back to it', () => {
    expect(transition('in_progress', 'await_customer')).toBe('waiting_on_customer');
    expect(transition('waiting_on_customer', 'resume')).toBe('in_progress');
  });

  it('reopens from resolved or closed, then works on', () => {
    expect(transition('resolved', 'reopen')).toBe('reopened');
    expect(transition('closed', 'reopen')).toBe('reopened');
    expect(transition('reopened', 'respond')).toBe('in_progress');
  });

  it('refuses an illegal action, naming what is allowed', () => {
    try {
      transition('received', 'close');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('rule-violated');
      expect((error as DomainError).details).toMatchObject({ allowedActions: ['route'] });
      expect((error as DomainError).message).toContain('allowed now: route');
    }
    expect(() => transition('closed', 'respond')).toThrow(/allowed now: reopen/);
  });

  it('lets every status go somewhere, and counts only resolved and closed as ended', () => {
    for (const status of COMPLAINT_STATUSES)
      expect(allowedActions(status).length).toBeGreaterThan(0);
    expect(COMPLAINT_STATUSES.filter((status) => !isOpen(status))).toEqual(['resolved', 'closed']);
  });
});
