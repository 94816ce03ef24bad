import { admitQueueNow, explainAdmission, readQueueStatus, systemClock } from '@concert/domain';
import { RedisAdmissionControl, RedisQueueStore } from '@concert/redis';
import { Command } from 'commander';
import { positiveInteger } from '../arguments.js';
import type { CliContext } from '../context.js';
import { printRecord, type OutputOptions } from '../output.js';

/** The same store, keys and limits as the API's waiting room. */
async function queueContext(context: CliContext) {
  const { config } = context;
  const console = new RedisQueueStore(await context.redis(), config.redis.keyPrefix, config.queue);
  return { console, clock: systemClock, policy: config.queue };
}

/** The admission rate in force and why, as the API's adaptive controller last decided it (or the fixed setting). */
async function admissionStatus(context: CliContext) {
  const { queue, redis } = context.config;
  if (queue.admission.mode === 'fixed') {
    return { admissionMode: 'fixed', admissionRatePerSecond: queue.admissionsPerSecond, admissionReason: 'QUEUE_ADMISSION_MODE=fixed' };
  }
  const state = await new RedisAdmissionControl(await context.redis(), redis.keyPrefix).state();
  const limits = { ...queue.admission, maxPerSecond: queue.admissionsPerSecond };
  return {
    admissionMode: 'adaptive',
    admissionRatePerSecond: state.ratePerSecond ?? limits.minPerSecond,
    admissionTargetP90Ms: limits.targetP90Ms,
    measuredP90Ms: state.health?.p90Ms ?? null,
    measuredErrorPercent: state.health === undefined ? null : Number((state.health.errorRate * 100).toFixed(2)),
    admissionReason: explainAdmission(state, limits),
  };
}

export function queueCommand(context: () => CliContext): Command {
  const queue = new Command('queue').description('The waiting room in Redis');
  queue
    .command('status')
    .description(
      'Waiting and active users, admissions per second lately, how long the head of the line has waited, and the admission rate in force and why',
    )
    .option('--json', 'print JSON')
    .action(async (options: OutputOptions) => {
      const status = await readQueueStatus({ ctx: await queueContext(context()) });
      const admission = await admissionStatus(context());
      printRecord({ ...status, oldestWaitSeconds: status.oldestWaitSeconds ?? null, ...admission }, options);
    });
  queue
    .command('admit')
    .description(
      'Admit up to N waiting users now, in line order: bypasses the per-second budget, never the QUEUE_MAX_ACTIVE_USERS cap (atomic)',
    )
    .argument('<n>', 'how many', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (count: number, options: OutputOptions) => {
      const { admitted } = await admitQueueNow({ ctx: await queueContext(context()), input: { count } });
      if (options.json) console.log(JSON.stringify({ requested: count, admitted }));
      else console.log(`Admitted ${admitted} of ${count} requested (fewer when the line is shorter or the active cap is near).`);
    });
  return queue;
}
