import { expireOverdue, type BookingContext } from '@concert/domain';
import type { Logger } from 'pino';

export interface RunningJob {
  /** Stops scheduling and waits for a sweep in flight. */
  stop(): Promise<void>;
}

/**
 * Sweeps overdue holds and reservations every `intervalMs`, in every API process: the sweep's
 * conditional writes make concurrent sweepers safe. A sweep never overlaps the previous one, and a
 * failing sweep (database down) is logged and retried at the next tick rather than crashing.
 */
export function startExpirySweeper(ctx: BookingContext, intervalMs: number, logger: Logger): RunningJob {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    inFlight = expireOverdue({ ctx }).then(
      (sweep) => {
        if (sweep.holdsExpired + sweep.reservationsExpired > 0) logger.info(sweep, 'expired overdue holds and reservations');
      },
      (error: unknown) => logger.error({ err: error }, 'expiry sweep failed'),
    );
    void inFlight.then(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs).unref();
    });
  };
  timer = setTimeout(tick, intervalMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
