import { dbRefundStore, findReservation, reservationsOfUser, type ReservationDetail } from '@concert/db';
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
    .description('Show one reservation with its seats and refunds')
    .argument('<reservationId>', 'the reservation', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (reservationId: number, options: OutputOptions) => {
      const database = await context().database();
      const found = await findReservation(database.db, reservationId);
      if (!found) throw new DomainError('reservation_not_found', `Reservation ${reservationId} does not exist.`);
      const refunds = await dbRefundStore(database).refundsOf(reservationId);
      if (options.json) {
        printRecord({ ...found, refunds }, options);
        return;
      }
      const { seats: _seats, ...shown } = withSeatNumbers(found);
      printRecord({ ...shown, refunded: refunds.reduce((sum, refund) => sum + refund.amount, 0) }, options);
      if (refunds.length > 0) {
        printRows(refunds, [
          { key: 'id', header: 'refund' },
          { key: 'amount', header: 'amount' },
          { key: 'kind', header: 'kind' },
          { key: 'reason', header: 'reason' },
          { key: 'createdAt', header: 'at' },
        ], options);
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
