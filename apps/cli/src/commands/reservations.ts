import { findReservation, reservationsOfUser, type ReservationDetail } from '@concert/db';
import { DomainError } from '@concert/domain';
import { Command } from 'commander';
import { positiveInteger } from '../arguments.js';
import type { CliContext } from '../context.js';
import { printRecord, printRows, type OutputOptions } from '../output.js';

const withSeatNumbers = (found: ReservationDetail) => ({
  ...found,
  seatNumbers: found.seats.map((seat) => seat.seatNumber).join(', '),
});

export function reservationsCommand(context: () => CliContext): Command {
  const reservations = new Command('reservations').description('Reservations: seats kept for payment, then sold');
  reservations
    .command('show')
    .description('Show one reservation with its seats')
    .argument('<reservationId>', 'the reservation', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (reservationId: number, options: OutputOptions) => {
      const found = await findReservation((await context().database()).db, reservationId);
      if (!found) throw new DomainError('reservation_not_found', `Reservation ${reservationId} does not exist.`);
      if (options.json) printRecord(found, options);
      else {
        const { seats: _seats, ...shown } = withSeatNumbers(found);
        printRecord(shown, options);
      }
    });
  reservations
    .command('list')
    .description("List a user's reservations, newest first (the last 100)")
    .requiredOption('--user <id>', 'the user (required)', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (options: OutputOptions & { user: number }) => {
      const found = await reservationsOfUser((await context().database()).db, options.user);
      printRows(found.map(withSeatNumbers), [
        { key: 'id', header: 'reservation' },
        { key: 'concertEventId', header: 'event' },
        { key: 'status', header: 'status' },
        { key: 'seatNumbers', header: 'seats' },
        { key: 'totalAmount', header: 'amount' },
        { key: 'createdAt', header: 'created' },
        { key: 'expiresAt', header: 'pay by' },
      ], options);
    });
  return reservations;
}
