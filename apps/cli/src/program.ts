import { Command } from 'commander';
import { CliContext } from './context.js';
import { catalogCommand } from './commands/catalog.js';
import { dbCommand } from './commands/db.js';
import { holdsCommand } from './commands/holds.js';
import { idempotencyCommand } from './commands/idempotency.js';
import { paymentsCommand } from './commands/payments.js';
import { queueCommand } from './commands/queue.js';
import { refundCommand } from './commands/refund.js';
import { reservationsCommand } from './commands/reservations.js';
import { seedCommand } from './commands/seed.js';
import { verifyCommand } from './commands/verify.js';
import { walletCommand } from './commands/wallet.js';
import { webhooksCommand } from './commands/webhooks.js';
import { version } from './version.js';

export function buildProgram(): { program: Command; close: () => Promise<void> } {
  let context: CliContext | undefined;
  const lazyContext = () => (context ??= new CliContext());
  const program = new Command('concertctl')
    .description('Operate the concert reservation system: schema, catalog, holds, queue, wallets, books, webhooks.')
    .version(version, '-V, --version', 'print the version')
    .showHelpAfterError()
    .addHelpText('after', '\nExit codes: 0 done, 1 error (bad argument, not found, unreachable database or Redis), 2 verify found violations.')
    .addCommand(dbCommand(lazyContext))
    .addCommand(seedCommand(lazyContext))
    .addCommand(catalogCommand(lazyContext))
    .addCommand(holdsCommand(lazyContext))
    .addCommand(reservationsCommand(lazyContext))
    .addCommand(paymentsCommand(lazyContext))
    .addCommand(refundCommand(lazyContext))
    .addCommand(queueCommand(lazyContext))
    .addCommand(walletCommand(lazyContext))
    .addCommand(verifyCommand(lazyContext))
    .addCommand(idempotencyCommand(lazyContext))
    .addCommand(webhooksCommand(lazyContext));
  return { program, close: async () => context?.close() };
}
