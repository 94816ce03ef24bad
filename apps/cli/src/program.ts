import { Command } from 'commander';
import { CliContext } from './context.js';
import { bookingsCommand } from './commands/bookings.js';
import { dbCommand } from './commands/db.js';
import { idempotencyCommand } from './commands/idempotency.js';
import { seedCommand } from './commands/seed.js';
import { verifyCommand } from './commands/verify.js';

export function buildProgram(): { program: Command; close: () => Promise<void> } {
  let context: CliContext | undefined;
  const lazyContext = () => (context ??= new CliContext());
  const program = new Command('concertctl')
    .description('Operate the concert reservation system: schema, catalog, holds, queue, wallets, books.')
    .showHelpAfterError()
    .addCommand(dbCommand(lazyContext))
    .addCommand(seedCommand(lazyContext))
    .addCommand(verifyCommand(lazyContext))
    .addCommand(bookingsCommand(lazyContext))
    .addCommand(idempotencyCommand(lazyContext));
  return { program, close: async () => context?.close() };
}
