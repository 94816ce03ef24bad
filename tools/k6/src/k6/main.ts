/**
 * Real k6 entry for every scenario: `k6 run -e SCENARIO=seed-flow tools/k6/src/k6/main.ts`
 * (k6 ≥ 1.0 runs TypeScript). Settings: `-e BASE_URL=… -e CHARGE_AMOUNT=… -e CONCERT_ID=… -e EVENT_ID=…`.
 */
import exec from 'k6/execution';
import type { Options, Scenario as K6Scenario } from 'k6/options';
import type { ScenarioParams } from '../scenarios/client.ts';
import { DEFAULT_CHARGE_AMOUNT, DEFAULT_FLASH_USER_ID_BASE, scenarioNamed } from '../scenarios/scenarios.ts';
import { k6Client } from './k6Client.ts';

const scenario = scenarioNamed(__ENV['SCENARIO'] ?? 'seed-flow');
const client = k6Client(__ENV['BASE_URL'] ?? 'http://127.0.0.1:8080');

function optionalNumber(name: string): number | undefined {
  const value = __ENV[name];
  return value === undefined || value === '' ? undefined : Number(value);
}

const params: ScenarioParams = {
  chargeAmount: optionalNumber('CHARGE_AMOUNT') ?? DEFAULT_CHARGE_AMOUNT,
  concertId: optionalNumber('CONCERT_ID'),
  eventId: optionalNumber('EVENT_ID'),
  userIdBase: optionalNumber('USER_ID_BASE') ?? DEFAULT_FLASH_USER_ID_BASE,
};

function executorOptions(): K6Scenario {
  const executor = scenario.executor;
  if (executor.kind === 'ramping-vus') {
    return { executor: 'ramping-vus' as const, startVUs: 0, stages: executor.stages, gracefulRampDown: '30s' };
  }
  const { vus, iterations, maxDuration } = executor;
  return { executor: 'shared-iterations' as const, vus, iterations, maxDuration };
}

export const options: Options = {
  scenarios: { [scenario.name]: executorOptions() },
  thresholds: scenario.thresholds,
};

/** Module scope is per VU in k6, so this is the VU's own state. */
const vuState: Record<string, unknown> = {};

export default async function (): Promise<void> {
  await scenario.iteration(client, {
    vu: exec.vu.idInTest,
    iterationInTest: exec.scenario.iterationInTest,
    vuState,
    params,
  });
}
