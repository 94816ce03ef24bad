export { deliverWebhook, fanOutEvents, type DispatchContext } from './deliverWebhook.js';
export {
  addWebhookEndpoint,
  disableWebhookEndpoint,
  PREVIOUS_SECRET_GRACE_MS,
  rotateWebhookSecret,
  type SecretMaker,
  type WebhookAdminContext,
} from './manageEndpoints.js';
export type {
  AttemptRecord,
  AttemptResult,
  AttemptVerdict,
  DeliveryRecord,
  DueDelivery,
  EventFeed,
  SigningSecrets,
  WebhookEndpoint,
  WebhookSender,
  WebhookStore,
} from './webhookPorts.js';
