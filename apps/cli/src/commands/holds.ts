import { activeHoldsOfEvent, dbBookingContext } from '@concert/db';
import { expireOverdue, releaseHold, systemClock, type Hold } from '@concert/domain';
import { Command } from 'commander';
import { duration, positiveInteger } from '../arguments.js';
import { requireEvent } from '../catalogLookups.js';
import type { CliContext } from '../context.js';
import { confirmed } from '../confirm.js';
import { printRows, type OutputOptions } from '../output.js';

const seatList = (hold: Hold) => hold.seats.map((seat) => seat.seatNumber).join(', ');

async function bookingContext(context: CliContext) {
  return { ...dbBookingContext(await context.database(), systemClock, context.config.booking), feed: await context.seatFeed() };
}

export function holdsCommand(context: () => CliContext): Command {
  const holds = new Command('holds').description('Seat holds: who keeps which seats off sale, until when');
  holds
    .command('list')
    .description('List the active holds of an event (including overdue ones the sweeper has not reached yet)')
    .requiredOption('--event <id>', 'the concert event (required)', positiveInteger)
    .option('--user <id>', 'only this user\'s holds', positiveInteger)
    .option('--expiring-within <duration>', 'only holds ending within this time, e.g. 90s, 5m', duration)
    .option('--json', 'print JSON')
    .action(async (options: OutputOptions & { event: number; user?: number; expiringWithin?: number }) => {
      const { db } = await context().database();
      await requireEvent(db, options.event);
      const now = systemClock.now();
      const found = await activeHoldsOfEvent(db, {
        concertEventId: options.event,
        userId: options.user,
        expiringBy: options.expiringWithin === undefined ? undefined : new Date(now.getTime() + options.expiringWithin * 1_000),
      });
      const rows = found.map((hold) => ({
        ...hold,
        seatNumbers: seatList(hold),
        // Negative: past its deadline, waiting for the sweeper.
        expiresInSeconds: Math.round((hold.expiresAt.getTime() - now.getTime()) / 1_000),
      }));
      printRows(rows, [
        { key: 'id', header: 'hold' },
        { key: 'userId', header: 'user' },
        { key: 'seatNumbers', header: 'seats' },
        { key: 'createdAt', header: 'since' },
        { key: 'expiresAt', header: 'expires at' },
        { key: 'expiresInSeconds', header: 'expires in (s)' },
      ], options);
    });
  holds
    .command('release')
    .description('End a hold now and put its seats back on sale (asks first; --yes to skip)')
    .argument('<holdId>', 'the hold', positiveInteger)
    .option('-y, --yes', 'release without asking')
    .action(async (holdId: number, options: { yes?: boolean }) => {
      if (!(await confirmed(`Release hold ${holdId} and put its seats back on sale?`, options.yes))) {
        console.log('Nothing released.');
        return;
      }
      const hold = await releaseHold({ ctx: await bookingContext(context()), input: { holdId } });
      console.log(`Released hold ${hold.id} of user ${hold.userId}: seats ${seatList(hold)} are on sale again.`);
    });
  holds
    .command('sweep')
    .description('Run one expiry sweep now: overdue holds and unpaid reservations give their seats back')
    .action(async () => {
      // The same sweep the API runs in the background; safe to run beside it.
      const sweep = await expireOverdue({ ctx: await bookingContext(context()) });
      console.log(`Expired ${sweep.holdsExpired} holds and ${sweep.reservationsExpired} unpaid reservations.`);
    });
  return holds;
}
