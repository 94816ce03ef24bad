import { demoCatalog, generatedCatalog, insertCatalog, isCatalogEmpty, type CatalogPlan } from '@concert/db';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { nonNegativeInteger, positiveInteger } from '../arguments.js';
import type { CliContext } from '../context.js';
import { readSeedFile } from '../seedFile.js';

/**
 * Inserts a plan with a progress bar (on a terminal) and reports rows per second, then drops the
 * API's cached catalog. Redis is reached before writing, so a missing Redis changes nothing.
 */
async function seedPlan(context: CliContext, plan: CatalogPlan, options: { ifEmpty?: boolean }) {
  const { db } = await context.database();
  if (options.ifEmpty && !(await isCatalogEmpty(db))) {
    console.log('The catalog already has concerts: seed skipped.');
    return;
  }
  const invalidator = await context.catalogInvalidator();
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'seats {bar} {percentage}% | {value}/{total} | {rate} rows/s' }, Presets.shades_classic)
    : undefined;
  const started = performance.now();
  let barStarted = false;
  const result = await insertCatalog(db, plan, ({ seatsInserted, seatsTotal }) => {
    const rate = Math.round(seatsInserted / ((performance.now() - started) / 1_000));
    if (bar && !barStarted) {
      bar.start(seatsTotal, 0, { rate });
      barStarted = true;
    }
    bar?.update(seatsInserted, { rate });
  });
  bar?.stop();
  await invalidator.invalidate();
  const seconds = (performance.now() - started) / 1_000;
  console.log(
    `Seeded ${result.concertIds.length} concerts, ${result.eventIds.length} events, ${result.seats} seats ` +
      `in ${seconds.toFixed(1)} s (${Math.round(result.seats / seconds)} seats/s).`,
  );
}

interface GenerateOptions {
  concerts: number;
  events: number;
  seats: number;
  cancellableUntil?: number;
  cancellationFeePercent: number;
  cancellationFeeFixed: number;
  ifEmpty?: boolean;
}

export function seedCommand(context: () => CliContext): Command {
  const seed = new Command('seed').description('Put concerts, events and seats into the database');
  seed
    .command('demo')
    .description('The demo catalog: 3 concerts, 3 events each with open booking windows, 500 seats per event')
    .option('--if-empty', 'do nothing when the database already has concerts')
    .action((options: { ifEmpty?: boolean }) => seedPlan(context(), demoCatalog(new Date()), options));
  seed
    .command('generate')
    .description('A generated catalog whose booking windows are open now')
    .option('--concerts <n>', 'concerts', positiveInteger, 10)
    .option('--events <n>', 'events per concert', positiveInteger, 3)
    .option('--seats <n>', 'seats per event', positiveInteger, 1_000)
    .option('--cancellable-until <minutes>', 'buyers may cancel paid reservations until this many minutes before the show (default: never)', nonNegativeInteger)
    .option('--cancellation-fee-percent <n>', 'the part of the price kept when a buyer cancels', nonNegativeInteger, 0)
    .option('--cancellation-fee-fixed <amount>', 'a fixed amount kept when a buyer cancels (with the percentage; never more than the price)', nonNegativeInteger, 0)
    .option('--if-empty', 'do nothing when the database already has concerts')
    .action((options: GenerateOptions) =>
      seedPlan(
        context(),
        generatedCatalog({
          concerts: options.concerts,
          eventsPerConcert: options.events,
          seatsPerEvent: options.seats,
          now: new Date(),
          cancellation:
            options.cancellableUntil === undefined
              ? undefined
              : {
                  untilMinutesBefore: options.cancellableUntil,
                  feePercent: options.cancellationFeePercent,
                  feeFixed: options.cancellationFeeFixed,
                },
        }),
        options,
      ),
    );
  seed
    .command('file <path>')
    .description('Concerts, events, seat counts and prices from a JSON file (see docs/seed-file.example.json)')
    .option('--if-empty', 'do nothing when the database already has concerts')
    .action(async (path: string, options: { ifEmpty?: boolean }) => seedPlan(context(), await readSeedFile(path), options));
  return seed;
}
