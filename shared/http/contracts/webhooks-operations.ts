import type { OperationContract } from './operation-contract';
import {
  deliveriesQuery,
  deliveryPage,
  deliverySchema,
  newWebhookBody,
  noQuery,
  redeliverBody,
  webhookListSchema,
  webhookPatchBody,
  webhookPathParams,
  webhookSchema,
  webhookWithSecretSchema,
} from './webhooks';

/** The contracts of webhook subscriptions: handlers validate with them, the OpenAPI document lists them. */
export const webhookOperations = {
  createWebhook: {
    operationId: 'createWebhook',
    body: newWebhookBody,
    idempotent: true,
    responses: {
      201: { description: 'Subscribed; the secret is shown once', schema: webhookWithSecretSchema },
    },
  },
  listWebhooks: {
    operationId: 'listWebhooks',
    responses: { 200: { description: 'Subscriptions, oldest first', schema: webhookListSchema } },
  },
  getWebhook: {
    operationId: 'getWebhook',
    path: webhookPathParams,
    responses: { 200: { description: 'The subscription', schema: webhookSchema, etag: true } },
  },
  updateWebhook: {
    operationId: 'updateWebhook',
    path: webhookPathParams,
    body: webhookPatchBody,
    mediaTypes: ['application/merge-patch+json', 'application/json'],
    responses: {
      200: { description: 'The changed subscription', schema: webhookSchema, etag: true },
    },
  },
  deleteWebhook: {
    operationId: 'deleteWebhook',
    path: webhookPathParams,
    query: noQuery,
    responses: { 204: { description: 'Unsubscribed' } },
  },
  rotateWebhookSecret: {
    operationId: 'rotateWebhookSecret',
    path: webhookPathParams,
    query: noQuery,
    responses: {
      200: {
        description: 'The new secret, shown once; the previous ones sign for 24 more hours',
        schema: webhookWithSecretSchema,
      },
    },
  },
  listWebhookDeliveries: {
    operationId: 'listWebhookDeliveries',
    path: webhookPathParams,
    query: deliveriesQuery,
    responses: { 200: { description: 'Newest event first', schema: deliveryPage } },
  },
  redeliverWebhook: {
    operationId: 'redeliverWebhook',
    path: webhookPathParams,
    body: redeliverBody,
    responses: { 202: { description: 'Queued for delivery again', schema: deliverySchema } },
  },
} as const satisfies Record<string, OperationContract>;
