import { createIdempotencyStore } from '@concert/db';
import { purgeIdempotencyKeys, systemClock } from '@concert/domain';
import { Command } from 'commander';
import type { CliContext } from '../context.js';

export function idempotencyCommand(context: () => CliContext): Command {
  const idempotency = new Command('idempotency').description('Stored Idempotency-Key answers');
  idempotency
    .command('purge')
    .description('Delete the keys past IDEMPOTENCY_TTL_HOURS (expired keys are already ignored; this frees their rows)')
    .action(async () => {
      const { db } = await context().database();
      const deleted = await purgeIdempotencyKeys({ ctx: { store: createIdempotencyStore(db), clock: systemClock } });
      console.log(`Deleted ${deleted} expired idempotency keys.`);
    });
  return idempotency;
}
