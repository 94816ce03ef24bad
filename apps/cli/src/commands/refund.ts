import { dbRefundStore } from '@concert/db';
import { noSeatClaims, refundPayment, systemClock } from '@concert/domain';
import { Command } from 'commander';
import { positiveInteger } from '../arguments.js';
import { confirmed } from '../confirm.js';
import type { CliContext } from '../context.js';

interface RefundOptions {
  amount?: number;
  reason: string;
  keepSeats?: boolean;
  yes?: boolean;
}

/** An operator's refund, whatever the event's policy: all that is left of the payment, or `--amount` of it. */
export function refundCommand(context: () => CliContext): Command {
  return new Command('refund')
    .description(
      "Refund a paid reservation to the buyer's wallet (asks first; --yes to skip). Cancels it and puts its seats back on sale unless --keep-seats",
    )
    .argument('<reservationId>', 'the reservation', positiveInteger)
    .option('--amount <n>', 'refund only this much (default: all that is not refunded yet)', positiveInteger)
    .requiredOption('--reason <text>', 'why, kept with the refund (required)')
    .option('--keep-seats', 'a partial or goodwill refund: the ticket stays sold')
    .option('-y, --yes', 'refund without asking')
    .action(async (reservationId: number, options: RefundOptions) => {
      const what = options.amount === undefined ? 'everything left of its payment' : String(options.amount);
      const seats = options.keepSeats ? 'keeping its seats sold' : 'cancelling it and putting its seats back on sale';
      if (!(await confirmed(`Refund ${what} of reservation ${reservationId}, ${seats}?`, options.yes))) {
        console.log('Nothing refunded.');
        return;
      }
      // No seat claims here (a claim lapses within seconds by itself); seats back on sale reach the live seat maps.
      const ctx = { store: dbRefundStore(await context().database()), claims: noSeatClaims, feed: await context().seatFeed(), clock: systemClock };
      const { refund, cancelled } = await refundPayment({
        ctx,
        input: { reservationId, amount: options.amount, reason: options.reason, keepSeats: options.keepSeats ?? false },
      });
      console.log(
        `Refunded ${refund.amount} to user ${refund.userId} (refund ${refund.id})` +
          (cancelled ? `; reservation ${reservationId} is cancelled and its seats are on sale again.` : '.'),
      );
    });
}
