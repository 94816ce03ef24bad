import type { Clock, QueueStore } from '@concert/domain';
import type { Logger } from 'pino';

export interface BackgroundJob {
  /** Stops the timer and waits for a tick in flight. */
  stop(): Promise<void>;
}

/**
 * Runs an admission tick every `intervalMs` in this process. Every process runs one: the tick is
 * one atomic script, so they never admit past the caps, and the line keeps moving if one dies.
 */
export function startAdmissionJob(options: { store: QueueStore; clock: Clock; intervalMs: number; logger: Logger }): BackgroundJob {
  let running: Promise<void> | undefined;
  const tick = () => {
    // A slow tick is not stacked on: the next one starts after it ends.
    running ??= options.store
      .admit(options.clock.now())
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
