import { createWalletStore } from '@concert/db';
import { listPayments } from '@concert/domain';
import { Command } from 'commander';
import { positiveInteger } from '../arguments.js';
import type { CliContext } from '../context.js';
import { printRows, type OutputOptions } from '../output.js';

export function paymentsCommand(context: () => CliContext): Command {
  const payments = new Command('payments').description('Payments of reservations from wallets');
  payments
    .command('list')
    .description("List a user's payments, newest first")
    .requiredOption('--user <id>', 'the user (required)', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (options: OutputOptions & { user: number }) => {
      const store = createWalletStore(await context().database());
      const found = await listPayments({ ctx: { store }, input: { userId: options.user } });
      printRows(found, [
        { key: 'id', header: 'payment' },
        { key: 'reservationId', header: 'reservation' },
        { key: 'amount', header: 'amount' },
        { key: 'refundedAmount', header: 'refunded' },
        { key: 'status', header: 'status' },
        { key: 'paidAt', header: 'paid at' },
      ], options);
    });
  return payments;
}
