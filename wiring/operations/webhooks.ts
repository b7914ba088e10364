import { SCOPES } from '../names';
import { noQuery } from '../../shared/http/contracts/common';
import { operationGroup } from './operation';
import {
  deliveriesQuery,
  deliveryPage,
  deliverySchema,
  newWebhookBody,
  redeliverBody,
  webhookListSchema,
  webhookPatchBody,
  webhookPathParams,
  webhookSchema,
  webhookWithSecretSchema,
} from '../../shared/http/contracts/webhooks';

/**
 * The operations of webhook subscriptions: route, scopes and contract of each, in one entry. The
 * manifest, the OpenAPI document and the handlers all read them.
 */
export const webhookOperations = operationGroup(
  { tag: 'Webhooks', folder: 'webhooks' },
  {
    createWebhook: {
      method: 'POST',
      path: '/webhooks',
      file: 'create-webhook',
      scopes: [SCOPES.webhooksManage],
      summary: 'Subscribe a URL to events (the signing secret is shown once)',
      body: newWebhookBody,
      idempotent: true,
      responses: {
        201: {
          description: 'Subscribed; the secret is shown once',
          schema: webhookWithSecretSchema,
        },
      },
    },
    listWebhooks: {
      method: 'GET',
      path: '/webhooks',
      file: 'list-webhooks',
      scopes: [SCOPES.webhooksManage],
      summary: 'Your webhook subscriptions (all of them, for admins)',
      responses: { 200: { description: 'Subscriptions, oldest first', schema: webhookListSchema } },
    },
    getWebhook: {
      method: 'GET',
      path: '/webhooks/{webhookId}',
      file: 'get-webhook',
      scopes: [SCOPES.webhooksManage],
      summary: 'One webhook subscription (with its ETag)',
      params: webhookPathParams,
      responses: { 200: { description: 'The subscription', schema: webhookSchema, etag: true } },
    },
    updateWebhook: {
      method: 'PATCH',
      path: '/webhooks/{webhookId}',
      file: 'update-webhook',
      scopes: [SCOPES.webhooksManage],
      summary: 'Change a subscription (JSON merge patch, requires If-Match)',
      params: webhookPathParams,
      body: webhookPatchBody,
      mediaTypes: ['application/merge-patch+json', 'application/json'],
      responses: {
        200: { description: 'The changed subscription', schema: webhookSchema, etag: true },
      },
    },
    deleteWebhook: {
      method: 'DELETE',
      path: '/webhooks/{webhookId}',
      file: 'delete-webhook',
      scopes: [SCOPES.webhooksManage],
      summary: 'Unsubscribe (deliveries under way are dropped)',
      params: webhookPathParams,
      query: noQuery,
      responses: { 204: { description: 'Unsubscribed' } },
    },
    rotateWebhookSecret: {
      method: 'POST',
      path: '/webhooks/{webhookId}/rotate-secret',
      file: 'rotate-webhook-secret',
      scopes: [SCOPES.webhooksManage],
      summary: 'Issue a new signing secret; the old one keeps signing for 24 hours',
      params: webhookPathParams,
      query: noQuery,
      responses: {
        200: {
          description: 'The new secret, shown once; the previous ones sign for 24 more hours',
          schema: webhookWithSecretSchema,
        },
      },
    },
    listWebhookDeliveries: {
      method: 'GET',
      path: '/webhooks/{webhookId}/deliveries',
      file: 'list-webhook-deliveries',
      scopes: [SCOPES.webhooksManage],
      summary: 'Recent deliveries with their attempts: status codes and timings',
      params: webhookPathParams,
      query: deliveriesQuery,
      responses: { 200: { description: 'Newest event first', schema: deliveryPage } },
    },
    redeliverWebhook: {
      method: 'POST',
      path: '/webhooks/{webhookId}/redeliver',
      file: 'redeliver-webhook',
      scopes: [SCOPES.webhooksManage],
      summary: 'Deliver an event again, by its event id',
      params: webhookPathParams,
      body: redeliverBody,
      responses: { 202: { description: 'Queued for delivery again', schema: deliverySchema } },
    },
  },
);
