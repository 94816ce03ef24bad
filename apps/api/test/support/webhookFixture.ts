import { dbWebhookStore } from '@concert/db';
import { addWebhookEndpoint, systemClock, type DispatchContext, type WebhookAdminContext } from '@concert/domain';
import { redisEventFeed } from '@concert/redis';
import { newWebhookSecret, startWebhookDispatcher, undiciWebhookSender } from '@concert/webhooks';
import type { TestApp } from './testApp.js';

const silent = { warn: () => undefined };

/**
 * A webhook dispatcher on the app's database and stream (as `concertctl webhooks dispatch` runs
 * it), allowed to reach 127.0.0.1, with short test settings.
 */
export async function startDispatcher(t: TestApp, { timeoutMs = 5_000, retryDelaysMs = [50, 50], consumer = 'test' } = {}) {
  const store = dbWebhookStore(t.database.db);
  const feed = await redisEventFeed(t.redis.redis, { keyPrefix: t.redis.keyPrefix, group: 'webhooks', consumer, blockMs: 100, reclaimAfterMs: 300 });
  const sender = undiciWebhookSender({ timeoutMs, allowPrivateAddresses: true });
  const ctx: DispatchContext = { store, sender, feed, clock: systemClock, retryDelaysMs };
  const running = startWebhookDispatcher(ctx, { claimIntervalMs: 20, maxInFlight: 20, leaseMs: timeoutMs + 5_000, readCount: 100, readBlockMs: 100 }, silent);
  const admin: WebhookAdminContext = { store, clock: systemClock, secrets: { newSecret: newWebhookSecret } };
  return {
    store,
    admin,
    add: (url: string, eventTypes: string[]) => addWebhookEndpoint({ ctx: admin, input: { url, eventTypes } }),
    async stop() {
      await running.stop();
      await Promise.all([feed.close(), sender.close()]);
    },
  };
}
