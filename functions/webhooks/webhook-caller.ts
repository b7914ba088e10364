import type { Principal } from '../../shared/http/principal';
import type { WebhookCaller } from '../../shared/services/webhooks/subscriptions';

/**
 * Subscriptions belong to the integrator client that made them (any token of that client may
 * manage them), or to the staff member, whose tokens share the app client of the staff console.
 */
export const webhookCaller = (principal: Principal): WebhookCaller => ({
  owner:
    principal.role === 'integrator'
      ? `client:${principal.clientId ?? principal.subject}`
      : `staff:${principal.subject}`,
  subject: principal.subject,
  admin: principal.role === 'admin' || principal.scopes.has('admin'),
});
