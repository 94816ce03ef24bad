/** The Node runner's command line: which scenario, against which API, and overrides for short runs. */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ScenarioParams } from '../scenarios/client.ts';
import { DEFAULT_CHARGE_AMOUNT, DEFAULT_FLASH_USER_ID_BASE, type Executor, scenarioNamed, type Scenario } from '../scenarios/scenarios.ts';
import { parseDuration } from './duration.ts';

export const usage = `Usage: k6-node --scenario=<name> [options]
  --scenario=NAME        seed-flow | seed-flow-heavy | capacity | flash-sale | catalog-storm
  --url=URL              the API (default: $BASE_URL or http://127.0.0.1:8080)
  --duration=D           stretch or shrink the stages to last D (e.g. 10s); flash-sale: its time limit
  --vus=N                scale the stages so the peak is N VUs; flash-sale: N concurrent buyers
  --iterations=N         flash-sale: N buyers (default 10000)
  --charge=AMOUNT        what each buyer charges first (default ${DEFAULT_CHARGE_AMOUNT})
  --concert-id=ID        flash-sale: the concert (default: the first listed)
  --event-id=ID          flash-sale: the event (default: the concert's first available event)
  --user-id-base=ID      flash-sale, capacity: buyers are ID, ID+1, … (default ${DEFAULT_FLASH_USER_ID_BASE})
  --out=DIR              where the JSON and HTML results go (default tools/k6/results)
  --skip-verify          do not run \`concertctl verify\` at the end`;

export interface RunOptions {
  scenario: Scenario;
  baseUrl: string;
  outDir: string;
  skipVerify: boolean;
  params: ScenarioParams;
}

const defaultOutDir = fileURLToPath(new URL('../../results/', import.meta.url));

function optionalNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new Error(`Not a number: "${value}"`);
  return number;
}

/** The executor with `--duration`/`--vus`/`--iterations` applied. */
export function scaledExecutor(executor: Executor, overrides: { durationMs?: number; vus?: number; iterations?: number }): Executor {
  if (executor.kind === 'shared-iterations') {
    return {
      ...executor,
      vus: overrides.vus ?? executor.vus,
      iterations: overrides.iterations ?? executor.iterations,
      maxDuration: overrides.durationMs === undefined ? executor.maxDuration : `${overrides.durationMs}ms`,
    };
  }
  const total = executor.stages.reduce((sum, stage) => sum + parseDuration(stage.duration), 0);
  const timeFactor = overrides.durationMs === undefined ? 1 : overrides.durationMs / total;
  const peak = Math.max(...executor.stages.map((stage) => stage.target));
  const vuFactor = overrides.vus === undefined ? 1 : overrides.vus / peak;
  const stages = executor.stages.map((stage) => ({
    duration: `${Math.max(1, Math.round(parseDuration(stage.duration) * timeFactor))}ms`,
    target: stage.target === 0 ? 0 : Math.max(1, Math.round(stage.target * vuFactor)),
  }));
  return { kind: 'ramping-vus', stages };
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): RunOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      url: { type: 'string' },
      duration: { type: 'string' },
      vus: { type: 'string' },
      iterations: { type: 'string' },
      charge: { type: 'string' },
      'concert-id': { type: 'string' },
      'event-id': { type: 'string' },
      'user-id-base': { type: 'string' },
      out: { type: 'string' },
      'skip-verify': { type: 'boolean', default: false },
    },
  });
  if (values.scenario === undefined) throw new Error('--scenario is required');
  const scenario = scenarioNamed(values.scenario);
  const executor = scaledExecutor(scenario.executor, {
    durationMs: values.duration === undefined ? undefined : parseDuration(values.duration),
    vus: optionalNumber(values.vus),
    iterations: optionalNumber(values.iterations),
  });
  return {
    scenario: { ...scenario, executor },
    baseUrl: values.url ?? env['BASE_URL'] ?? 'http://127.0.0.1:8080',
    outDir: values.out ?? defaultOutDir,
    skipVerify: values['skip-verify'],
    params: {
      chargeAmount: optionalNumber(values.charge) ?? DEFAULT_CHARGE_AMOUNT,
      concertId: optionalNumber(values['concert-id']),
      eventId: optionalNumber(values['event-id']),
      userIdBase: optionalNumber(values['user-id-base']) ?? DEFAULT_FLASH_USER_ID_BASE,
    },
  };
}
