import { redactUrl } from '@concert/config';
import { migrateDatabase } from '@concert/db';
import { Command } from 'commander';
import type { CliContext } from '../context.js';

export function dbCommand(context: () => CliContext): Command {
  const db = new Command('db').description('Database schema');
  db.command('migrate')
    .description('Create the database when missing and apply pending migrations')
    .action(async () => {
      const { config } = context();
      await migrateDatabase(config.db.url);
      console.log(`Migrations applied to ${redactUrl(config.db.url)}.`);
    });
  return db;
}
