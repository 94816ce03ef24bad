export { startWebhookDispatcher, type DispatcherSettings, type RunningDispatcher } from './dispatcher.js';
export { newWebhookSecret } from './signing.js';
export { undiciWebhookSender, type SenderSettings } from './undiciSender.js';
