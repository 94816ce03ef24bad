/**
 * Catalog benchmark: GET /api/v1/concerts (100 concerts) and GET .../available-events at 100
 * connections, against the API as a separate process (LOG_LEVEL info, its log line written to
 * /dev/null, metrics on), cached and uncached, beside a bare node:http server answering the same
 * bytes from memory (the ceiling). Several interleaved rounds, since other work shares the cores.
 * Beside req/s it prints the serving process's CPU per 1,000 answers, a cost that other load on the
 * machine disturbs far less than throughput does.
 *
 * CATALOG_BENCH_BASELINE=<another checkout's apps/api folder> also serves the cached list from that
 * checkout (installed with npm ci), interleaved with this one: a change's cost, side by side.
 *
 * Prints figures; asserts nothing. Run: npm run bench:catalog -w @concert/api [-- rounds seconds]
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedCatalog, insertCatalog } from '@concert/db';
import { createTestDatabase, createTestRedis } from '@concert/testing';
import autocannon from 'autocannon';
import { answers, startProcess, stopProcess } from './processes.js';
import { cpuMsOf } from './serverCpu.js';

const CONNECTIONS = 100;
const [rounds = 3, seconds = 5] = process.argv.slice(2).map(Number);
const baselineApiDir = process.env.CATALOG_BENCH_BASELINE;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  cpuMsPerThousand: number;
}

interface Scenario {
  name: string;
  url: string;
  server: ChildProcess;
  headers?: Record<string, string>;
}

async function measure({ url, server, headers = {} }: Omit<Scenario, 'name'>, duration = seconds): Promise<Run> {
  const cpuBefore = cpuMsOf(String(server.pid));
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  const cpuMs = cpuMsOf(String(server.pid)) - cpuBefore;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuMsPerThousand: (1_000 * cpuMs) / Math.max(1, result.requests.total),
  };
}

const database = await createTestDatabase(4);
const redis = await createTestRedis();
const children: ChildProcess[] = [];
try {
  await insertCatalog(database.db, generatedCatalog({ concerts: 100, eventsPerConcert: 3, seatsPerEvent: 1, now: new Date() }));
  const apiEnv = (port: number, cached: boolean) => ({
    NODE_ENV: 'production',
    // A closed bench on loopback: user ids on trust, as the seed's clients send them.
    AUTH_ALLOW_OPEN_IN_PRODUCTION: 'true',
    QUEUE_TOKEN_SECRET: 'catalog-benchmark-secret-of-at-least-32-chars',
    DATABASE_URL: database.url,
    ...redis.settings,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    CATALOG_CACHE_ENABLED: String(cached),
  });
  const cachedBase = 'http://127.0.0.1:18181';
  const uncachedBase = 'http://127.0.0.1:18182';
  const bareBase = 'http://127.0.0.1:18183';
  const baselineBase = 'http://127.0.0.1:18185';
  const cachedApi = await startProcess('src/main.ts', [], apiEnv(18181, true), () => answers(`${cachedBase}/readyz`));
  const uncachedApi = await startProcess('src/main.ts', [], apiEnv(18182, false), () => answers(`${uncachedBase}/readyz`));
  children.push(cachedApi, uncachedApi);
  const baselineApi =
    baselineApiDir &&
    (await startProcess('src/main.ts', [], apiEnv(18185, true), () => answers(`${baselineBase}/readyz`), baselineApiDir));
  if (baselineApi) children.push(baselineApi);

  // The ceiling answers the very bytes the API sends for the list.
  const list = await fetch(`${cachedBase}/api/v1/concerts`);
  const body = await list.text();
  const bodyFile = join(tmpdir(), `catalog-bench-${process.pid}.json`);
  writeFileSync(bodyFile, body);
  const etag = list.headers.get('etag') ?? '';
  const bare = await startProcess('bench/bareServer.ts', ['18183', bodyFile, etag], {}, () => answers(bareBase));
  const bareFullBase = 'http://127.0.0.1:18184';
  const bareFull = await startProcess('bench/bareServer.ts', ['18184', bodyFile, etag, 'api-headers'], {}, () => answers(bareFullBase));
  children.push(bare, bareFull);

  const joined = await fetch(`${cachedBase}/api/v1/queue/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 1 }),
  });
  const { token } = ((await joined.json()) as { data: { token: string } }).data;
  const concertId = (JSON.parse(body) as { list: Array<{ id: number }> }).list[0]?.id;

  const CEILING = 'bare node:http, same bytes (ceiling)';
  const CACHED = 'GET /concerts cached';
  const ceiling: Scenario = { name: CEILING, url: bareBase, server: bare };
  const scenarios: Scenario[] = [
    { name: 'bare node:http, same bytes + CORS and request id headers', url: bareFullBase, server: bareFull },
    { name: CACHED, url: `${cachedBase}/api/v1/concerts`, server: cachedApi },
    ...(baselineApi ? [{ name: `${CACHED}, baseline checkout`, url: `${baselineBase}/api/v1/concerts`, server: baselineApi }] : []),
    { name: 'GET /concerts uncached', url: `${uncachedBase}/api/v1/concerts`, server: uncachedApi },
    {
      name: 'GET available-events cached (token)',
      url: `${cachedBase}/api/v1/concerts/${concertId}/available-events`,
      server: cachedApi,
      headers: { 'user-token': token },
    },
  ];
  console.log(`Catalog benchmark: 100 concerts (${body.length} bytes), ${CONNECTIONS} connections, ${rounds} rounds of ${seconds} s each.`);
  // Warm-up: JIT, connections, caches filled.
  for (const scenario of [ceiling, ...scenarios]) await measure(scenario, 2);
  const runs = new Map<string, Run[]>([ceiling, ...scenarios].map((scenario): [string, Run[]] => [scenario.name, []]));
  for (let round = 1; round <= rounds; round += 1) {
    const ceilingRun = await measure(ceiling);
    runs.get(CEILING)?.push(ceilingRun);
    for (const scenario of scenarios) runs.get(scenario.name)?.push(await measure(scenario));
    const cached = runs.get(CACHED)?.at(-1);
    console.log(`round ${round}: cached /concerts at ${((100 * (cached?.rps ?? 0)) / ceilingRun.rps).toFixed(0)}% of the ceiling`);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const ceilingRps = median((runs.get(CEILING) ?? []).map((run) => run.rps));
  console.log('\n| scenario | req/s (median) | req/s (min–max) | p50 ms | p99 ms | % of ceiling | server CPU ms / 1,000 answers | non-2xx |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, list] of runs) {
    const rps = list.map((run) => run.rps);
    console.log(
      `| ${name} | ${median(rps).toFixed(0)} | ${Math.min(...rps).toFixed(0)}–${Math.max(...rps).toFixed(0)} | ` +
        `${median(list.map((run) => run.p50))} | ${median(list.map((run) => run.p99))} | ` +
        `${((100 * median(rps)) / ceilingRps).toFixed(0)}% | ${median(list.map((run) => run.cpuMsPerThousand)).toFixed(0)} | ` +
        `${list.reduce((sum, run) => sum + run.non2xx, 0)} |`,
    );
  }
} finally {
  await Promise.all(children.map(stopProcess));
  await Promise.allSettled([database.destroy(), redis.destroy()]);
}
