import { adjustAdmissionRate, type AdmissionLimits, type Clock, type QueueStore } from '@concert/domain';
import type { RedisAdmissionControl } from '@concert/redis';
import type { Logger } from 'pino';

export interface BackgroundJob {
  /** Stops the timer and waits for a tick in flight. */
  stop(): Promise<void>;
}

export interface AdmissionJobOptions {
  store: QueueStore;
  clock: Clock;
  intervalMs: number;
  logger: Logger;
  /** Adaptive admission: this process's purchase health to flush, and the controller to run. */
  adaptive?: { control: RedisAdmissionControl; limits: AdmissionLimits } | undefined;
}

/**
 * Adaptive admission, before each tick: this process's purchase health goes to Redis, then the
 * controller may decide this second's rate (one process wins each second). A failure here is logged
 * and the tick still admits, at the rate last decided.
 */
async function adapt(options: AdmissionJobOptions): Promise<void> {
  if (!options.adaptive) return;
  const { control, limits } = options.adaptive;
  try {
    await control.flush();
    const decision = await adjustAdmissionRate({ ctx: { control, clock: options.clock, limits } });
    if (decision) options.logger.debug(decision, 'admission rate decided');
  } catch (error) {
    options.logger.warn({ err: error }, 'admission control failed; the last rate stands');
  }
}

/**
 * Runs an admission tick every `intervalMs` in this process. Every process runs one: the tick is
 * one atomic script, so they never admit past the caps, and the line keeps moving if one dies.
 */
export function startAdmissionJob(options: AdmissionJobOptions): BackgroundJob {
  let running: Promise<void> | undefined;
  const tick = () => {
    // A slow tick is not stacked on: the next one starts after it ends.
    running ??= adapt(options)
      .then(() => options.store.admit(options.clock.now()))
      .then(
        (admitted) => {
          if (admitted > 0) options.logger.debug({ admitted }, 'queue admission');
        },
        (error: unknown) => options.logger.warn({ err: error }, 'queue admission tick failed; retrying next tick'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
