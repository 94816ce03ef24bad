import { booksRules, verifyBooks } from '@concert/db';
import { Command } from 'commander';
import type { CliContext } from '../context.js';

export function verifyCommand(context: () => CliContext): Command {
  return new Command('verify')
    .description('Check the books: no seat sold twice, no seat leaked, balances equal ledgers, one payment per confirmed reservation')
    .option('--json', 'print the violations as JSON')
    .action(async (options: { json?: boolean }) => {
      const { db } = await context().database();
      const violations = await verifyBooks(db);
      if (options.json) {
        console.log(JSON.stringify({ ok: violations.length === 0, violations }, null, 2));
      } else if (violations.length === 0) {
        console.log(`The books are in order: ${booksRules.length} rules hold.`);
      } else {
        for (const violation of violations) {
          console.log(`VIOLATION ${violation.rule} (${violation.count}): ${violation.description}`);
          for (const row of violation.sample) console.log(`  ${JSON.stringify(row)}`);
        }
      }
      if (violations.length > 0) process.exitCode = 2;
    });
}
