/** Every scenario, defined once: k6 (`src/k6/main.ts`) and the Node runner both read this table. */
import { readCatalog } from './catalogStorm.ts';
import type { IterationContext, LoadClient } from './client.ts';
import { everySeconds, likeTheSdk } from './polling.ts';
import { purchase, seedUserId } from './purchaseFlow.ts';

/** k6's stage: ramp linearly to `target` VUs over `duration` (`'30s'`, `'1m'`, `'1m30s'`). */
export interface Stage {
  duration: string;
  target: number;
}

export type Executor =
  | { kind: 'ramping-vus'; stages: Stage[] }
  /** `iterations` in total shared by `vus` VUs (each iteration one buyer), stopped at `maxDuration`. */
  | { kind: 'shared-iterations'; vus: number; iterations: number; maxDuration: string };

export interface Scenario {
  name: string;
  description: string;
  executor: Executor;
  /** k6 threshold syntax: `{ http_req_duration: ['p(95)<500'], 'http_req_duration{step:occupy}': ['p(99)<100'] }`. */
  thresholds: Record<string, string[]>;
  iteration: (client: LoadClient, context: IterationContext) => Promise<void>;
}

/** The seed's thresholds. */
const seedThresholds = { http_req_duration: ['p(95)<500'], errors: ['rate<0.1'] };

/** Ramp up to `vus` in 15 s, hold for 45 s, ramp down in 5 s: a minute of steady load to measure. */
function steadyMinute(vus: number): Executor {
  return {
    kind: 'ramping-vus',
    stages: [
      { duration: '15s', target: vus },
      { duration: '45s', target: vus },
      { duration: '5s', target: 0 },
    ],
  };
}

const seedFlow = (client: LoadClient, context: IterationContext) =>
  purchase(client, context, { pauseSeconds: 1, pollDelay: everySeconds(1), userId: seedUserId, target: 'random', leaveWhenGivingUp: false });

/** One user per iteration: `--user-id-base` + the iteration's number in the whole test. */
const distinctBuyer = ({ params, iterationInTest }: IterationContext) => params.userIdBase + iterationInTest;

/**
 * 10,000 distinct buyers, 500 VUs starting together, top-ups first as the seed's client does.
 * `leaving`: as our frontends, a waiting buyer told their event is no longer on sale
 * (`eventsOnSale`), or who finds it sold out or loses three times, leaves the line; without it (the
 * seed's client) buyers wait to find the empty seat map, and their slots last until the idle timeout.
 */
function flashSale(name: string, description: string, leaving: boolean): Scenario {
  return {
    name,
    description,
    executor: { kind: 'shared-iterations', vus: 500, iterations: 10_000, maxDuration: '10m' },
    // The targets: holds p99 ≤ 100 ms; losing a seat is expected, anything else is an error.
    thresholds: { 'http_req_duration{step:occupy}': ['p(99)<100'], errors: ['rate==0'] },
    iteration: (client, context) =>
      purchase(client, context, {
        pauseSeconds: 0,
        // As our frontends poll, through the SDK: about a third of the polls of a fixed half second.
        pollDelay: likeTheSdk(),
        userId: distinctBuyer,
        target: 'first',
        leaveWhenGivingUp: leaving,
        readsSoldOut: leaving,
      }),
  };
}

const scenarioList: Scenario[] = [
  {
    name: 'seed-flow',
    description: "The seed's purchase flow with its sleeps, at the caching report's load: 1 minute ramping to 10 VUs.",
    executor: { kind: 'ramping-vus', stages: [{ duration: '1m', target: 10 }] },
    thresholds: seedThresholds,
    iteration: seedFlow,
  },
  {
    name: 'seed-flow-heavy',
    description: "The seed's purchase flow at its script's heavier stages: ramping to 100, 300 and 500 VUs.",
    executor: {
      kind: 'ramping-vus',
      stages: [
        { duration: '1m', target: 100 },
        { duration: '1m', target: 300 },
        { duration: '1m', target: 500 },
        { duration: '30s', target: 0 },
      ],
    },
    thresholds: seedThresholds,
    iteration: seedFlow,
  },
  {
    name: 'capacity',
    description: 'The purchase flow without think time: completed purchases per second.',
    executor: steadyMinute(50),
    // The targets for this run: p95 ≤ 50 ms and no errors.
    thresholds: { http_req_duration: ['p(95)<50'], errors: ['rate==0'] },
    // Distinct buyers: with the seed's random users (1–20,000), two of 50 busy VUs sometimes share one,
    // and the first to pay ends the other's admission (401 token_expired), counted as an error.
    iteration: (client, context) =>
      purchase(client, context, { pauseSeconds: 0, pollDelay: everySeconds(0.2), userId: distinctBuyer, target: 'random', leaveWhenGivingUp: true }),
  },
  flashSale('flash-sale', '10,000 distinct buyers race for the seats of one event (1,000 seats), each buying once.', true),
  flashSale(
    'flash-sale-never-leaving',
    'The flash sale with buyers who never leave the line after buying or giving up, as the seed\'s client: their slots must lapse by themselves.',
    false,
  ),
  {
    name: 'catalog-storm',
    description: 'Reads of the concert list and available events from many VUs without pause.',
    executor: steadyMinute(200),
    thresholds: { http_req_duration: ['p(95)<50'], errors: ['rate==0'] },
    iteration: readCatalog,
  },
];

export const scenarios: ReadonlyMap<string, Scenario> = new Map(scenarioList.map((s) => [s.name, s]));

export function scenarioNamed(name: string): Scenario {
  const scenario = scenarios.get(name);
  if (!scenario) throw new Error(`Unknown scenario "${name}". Known: ${[...scenarios.keys()].join(', ')}`);
  return scenario;
}

/** The seed charged 100,000; our demo catalog's seats cost up to 150,000, so buyers charge enough for any seat. */
export const DEFAULT_CHARGE_AMOUNT = 200_000;
/** Flash-sale buyers are users 1,000,000 and up, apart from the seed flow's 0–19,999. */
export const DEFAULT_FLASH_USER_ID_BASE = 1_000_000;
