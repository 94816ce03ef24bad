export { isPrivateAddress } from './addressPolicy.js';
export { startWebhookDispatcher, type DispatcherSettings, type RunningDispatcher } from './dispatcher.js';
export { newWebhookSecret, secretKey, webhookSignature } from './signing.js';
export { undiciWebhookSender, type SenderSettings } from './undiciSender.js';
