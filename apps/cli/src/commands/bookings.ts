import { dbBookingContext } from '@concert/db';
import { expireOverdue, systemClock } from '@concert/domain';
import { Command } from 'commander';
import type { CliContext } from '../context.js';

export function bookingsCommand(context: () => CliContext): Command {
  const bookings = new Command('bookings').description('Holds and reservations');
  bookings
    .command('expire')
    .description('Run one expiry sweep now: overdue holds and unpaid reservations give their seats back')
    .action(async () => {
      const ctx = context();
      // The same sweep the API runs in the background; safe to run beside it.
      const sweep = await expireOverdue({ ctx: dbBookingContext(await ctx.database(), systemClock, ctx.config.booking) });
      console.log(`Expired ${sweep.holdsExpired} holds and ${sweep.reservationsExpired} unpaid reservations.`);
    });
  return bookings;
}
