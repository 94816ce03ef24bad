import type { EventsConfig } from '@concert/config';
import { relayEvents, type RelayContext } from '@concert/domain';
import type { Counter } from 'prom-client';
import type { Logger } from 'pino';
import type { BackgroundJob } from './admissionJob.js';

/**
 * Relays the outbox to the Redis stream every `intervalMs`, in every API process: each relay claims
 * rows with SKIP LOCKED, so relays share the work without waiting on each other and publish each
 * event once (again only after a crash between the append and the mark). A pass never overlaps the
 * previous one; a failed pass (database or Redis down) is logged and retried next tick, and the
 * events it could not publish stay in the outbox.
 */
export function startOutboxRelay(ctx: RelayContext, settings: EventsConfig['relay'], published: Counter, logger: Logger): BackgroundJob {
  let relaying: Promise<void> | undefined;
  const input = { batch: settings.batch, maxBatches: 20, retentionMs: settings.retentionMs };
  const timer = setInterval(() => {
    relaying ??= relayEvents({ ctx, input })
      .then(
        (pass) => {
          published.inc(pass.published);
          if (pass.pruned > 0) logger.debug(pass, 'outbox relay pass');
        },
        (error: unknown) => logger.warn({ err: error }, 'outbox relay failed; retrying next tick'),
      )
      .finally(() => {
        relaying = undefined;
      });
  }, settings.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await relaying;
    },
  };
}
