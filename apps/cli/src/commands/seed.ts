import { demoCatalog, insertCatalog, isCatalogEmpty } from '@concert/db';
import { Command } from 'commander';
import type { CliContext } from '../context.js';

export function seedCommand(context: () => CliContext): Command {
  const seed = new Command('seed').description('Put concerts, events and seats into the database');
  seed
    .command('demo')
    .description('The demo catalog: 3 concerts, 3 events each with open booking windows, 500 seats per event')
    .option('--if-empty', 'do nothing when the database already has concerts')
    .action(async (options: { ifEmpty?: boolean }) => {
      const { db } = await context().database();
      if (options.ifEmpty && !(await isCatalogEmpty(db))) {
        console.log('The catalog already has concerts: demo seed skipped.');
        return;
      }
      const result = await insertCatalog(db, demoCatalog(new Date()));
      console.log(
        `Seeded ${result.concertIds.length} concerts, ${result.eventIds.length} events, ${result.seats} seats.`,
      );
    });
  return seed;
}
