import { dbCatalogReader, eventsWithAvailability } from '@concert/db';
import { isBookingOpen, listConcerts, systemClock } from '@concert/domain';
import { Command } from 'commander';
import { positiveInteger } from '../arguments.js';
import { requireConcert } from '../catalogLookups.js';
import type { CliContext } from '../context.js';
import { printRows, type OutputOptions } from '../output.js';

export function catalogCommand(context: () => CliContext): Command {
  const catalog = new Command('catalog').description('Concerts and their events, read from the database (never a cache)');
  catalog
    .command('concerts')
    .description('List the concerts')
    .option('--json', 'print JSON')
    .action(async (options: OutputOptions) => {
      const { db } = await context().database();
      const concerts = await listConcerts({ ctx: { catalog: dbCatalogReader(db) } });
      printRows(concerts, [
        { key: 'id', header: 'id' },
        { key: 'title', header: 'title' },
        { key: 'singer', header: 'singer' },
      ], options);
    });
  catalog
    .command('events')
    .description('List the events of a concert: booking window, open now or not, max and available seats')
    .argument('<concertId>', 'the concert', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (concertId: number, options: OutputOptions) => {
      const { db } = await context().database();
      await requireConcert(db, concertId);
      const now = systemClock.now();
      const events = (await eventsWithAvailability(db, concertId)).map((event) => ({
        ...event,
        bookingOpen: isBookingOpen(event, now),
      }));
      printRows(events, [
        { key: 'id', header: 'id' },
        { key: 'venue', header: 'venue' },
        { key: 'startAt', header: 'starts' },
        { key: 'reservationStartAt', header: 'booking opens' },
        { key: 'reservationEndAt', header: 'booking closes' },
        { key: 'bookingOpen', header: 'open now' },
        { key: 'maxSeatCount', header: 'max seats' },
        { key: 'availableSeatCount', header: 'available' },
      ], options);
    });
  return catalog;
}
