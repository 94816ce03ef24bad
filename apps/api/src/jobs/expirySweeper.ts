import { expireOverdue, type BookingContext } from '@concert/domain';
import type { Logger } from 'pino';
import type { BackgroundJob } from './admissionJob.js';

/**
 * Gives back the seats of overdue holds and unpaid reservations every `intervalMs`, in every API
 * process: each row is expired by a conditional write, so concurrent sweepers are safe. A sweep
 * never overlaps the previous one; a failed sweep (database down) is logged and retried next tick.
 */
export function startExpirySweeper(ctx: BookingContext, intervalMs: number, logger: Logger): BackgroundJob {
  let sweeping: Promise<void> | undefined;
  const timer = setInterval(() => {
    sweeping ??= expireOverdue({ ctx })
      .then(
        (sweep) => {
          if (sweep.holdsExpired + sweep.reservationsExpired > 0) logger.info(sweep, 'expired overdue bookings');
        },
        (error: unknown) => logger.warn({ err: error }, 'expiry sweep failed; retrying next tick'),
      )
      .finally(() => {
        sweeping = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
