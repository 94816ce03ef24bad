/** The CI smoke of the Node runner: a few seconds, two VUs, against the in-process fake API. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunResult } from '../src/node/result.ts';
import { run } from '../src/node/run.ts';
import { runVerify, type VerifyOutcome } from '../src/node/verify.ts';
import { startFakeApi } from './fakeApi.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function runAgainstFake(options: { failPayments?: boolean; verify?: VerifyOutcome; seats?: number; shedTokens?: number; args?: string[] }) {
  const api = await startFakeApi({ seats: options.seats ?? 500, failPayments: options.failPayments, shedTokens: options.shedTokens });
  closers.push(api.close);
  const out = await mkdtemp(join(tmpdir(), 'k6-runner-'));
  const lines: string[] = [];
  const args = options.args ?? ['--scenario=capacity', '--duration=2s', '--vus=2'];
  const argv = [...args, `--url=${api.url}`, `--out=${out}`];
  // A clock of CPU time that answers 3 s since any start it is given, and nonsense without one.
  const cpuUsage = (previous?: NodeJS.CpuUsage) => (previous ? { user: 2_500_000, system: 500_000 } : { user: 123, system: 456 });
  const exitCode = await run(argv, { verify: () => options.verify ?? 'passed', log: (text) => lines.push(text), cpuUsage });
  const files = await readdir(out);
  const jsonFile = files.find((file) => file.endsWith('.json')) ?? '';
  const result = JSON.parse(await readFile(join(out, jsonFile), 'utf8')) as RunResult & { verify: VerifyOutcome };
  return { api, exitCode, files, out, result, output: lines.join('\n') };
}

describe('the Node runner', () => {
  it('drives the purchase flow, counts what the API saw and writes the JSON and HTML reports', async () => {
    const { api, exitCode, files, out, result, output } = await runAgainstFake({});

    expect(exitCode).toBe(0);
    const purchases = result.custom.purchases;
    expect(purchases && 'count' in purchases ? purchases.count : 0).toBe(api.counts.paid);
    expect(api.counts.paid).toBeGreaterThan(0);
    // Every completed iteration is one purchase on this uncontended fake.
    expect(result.metrics.iterations.count).toBe(api.counts.paid);
    const perEndpoint = result.endpoints.reduce((sum, endpoint) => sum + endpoint.count, 0);
    expect(result.metrics.http_reqs.count).toBe(perEndpoint);
    expect(result.metrics.checks.fails).toBe(0);
    expect(result.thresholds.every((threshold) => threshold.ok)).toBe(true);
    expect(result.verify).toBe('passed');
    // Grouped by route template, not by raw URL.
    expect(result.endpoints.map((endpoint) => endpoint.name)).toContain('POST /api/v1/concert-events/{concertEventId}/occupy');
    expect(output).toContain('http_req_duration');
    expect(output).toContain('GET /api/v1/concert-events/{concertEventId}/available-seats');
    // The runner's own CPU during the run: what `cpuUsage` says since the run began (2.5 + 0.5 s).
    expect(result.loadGeneratorCpuSeconds).toBe(3);
    const percent = Math.round((3 / (result.durationMs / 1000)) * 100);
    expect(output).toMatch(new RegExp(`load_generator_cpu\\.+: 3\\.0 s \\(${percent}% of a core\\)`));
    expect(output).not.toMatch(/concert-events\/7\//);

    expect(files.filter((file) => file.endsWith('.html'))).toHaveLength(1);
    const html = await readFile(join(out, files.find((file) => file.endsWith('.html')) ?? ''), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/cdn/);
  });

  it('flash sale: buyers who find the event sold out leave the waiting room, the others pay', async () => {
    const { api, exitCode, result } = await runAgainstFake({ seats: 3, args: ['--scenario=flash-sale', '--iterations=10', '--vus=2'] });

    expect(exitCode).toBe(0);
    expect(api.counts.paid).toBe(3);
    expect(api.seatsLeft()).toBe(0);
    // The other 7 gave up and freed their active slots at once instead of holding them until the idle timeout.
    expect(api.counts.left).toBe(7);
    // Those still waiting when the seats ran out were told so by the status answer: they never read the seat map.
    expect(api.counts.seatMaps).toBeLessThan(10);
    expect(result.endpoints.map((endpoint) => endpoint.name)).toContain('DELETE /api/v1/queue/token');
  });

  it('flash sale: a buyer refused with 503 overloaded comes back after Retry-After, and the timeline counts admissions and refusals', async () => {
    const { api, exitCode, result, output } = await runAgainstFake({
      seats: 3,
      shedTokens: 2,
      args: ['--scenario=flash-sale', '--iterations=6', '--vus=2'],
    });

    expect(exitCode).toBe(0);
    expect(api.counts.shed).toBe(2);
    expect(api.counts.paid).toBe(3);
    expect(result.custom.errors).toMatchObject({ passes: 0 });
    const sum = (pick: (second: RunResult['timeline'][number]) => number) => result.timeline.reduce((total, second) => total + pick(second), 0);
    expect(sum((second) => second.shed)).toBe(2);
    // Every buyer but those told, while waiting, that the seats were gone.
    expect(sum((second) => second.admitted)).toBeGreaterThanOrEqual(3);
    // Every hold request, won or lost: two buyers may race for the last seat, and the loser's try counts.
    const holdRequests = result.series.find((each) => each.name.includes('/occupy'))?.requests.reduce((total, n) => total + n, 0);
    expect(sum((second) => second.holds)).toBe(holdRequests);
    expect(holdRequests).toBeGreaterThanOrEqual(3);
    expect(output).toMatch(/admitted\s+active\s+adm rate\s+holds\s+hold p50\s+hold p99\s+shed\s+429\s+API CPU/);
  });

  it('flash sale, never leaving: buyers who give up keep their places (their slots lapse by themselves)', async () => {
    const { api, exitCode } = await runAgainstFake({ seats: 3, args: ['--scenario=flash-sale-never-leaving', '--iterations=10', '--vus=2'] });
    expect(exitCode).toBe(0);
    expect(api.counts.paid).toBe(3);
    expect(api.counts.left).toBe(0);
    // The seed's client does not read eventsOnSale: every buyer waits to find the empty seat map.
    expect(api.counts.seatMaps).toBe(10);
  });

  it('exits non-zero when a threshold is crossed', async () => {
    const { exitCode, result, output } = await runAgainstFake({ failPayments: true });

    expect(exitCode).toBe(1);
    expect(result.thresholds.find((threshold) => threshold.metric === 'errors')?.ok).toBe(false);
    expect(output).toContain('threshold crossed: errors');
  });

  it('exits non-zero when the books check fails after a clean run', async () => {
    const { exitCode, result } = await runAgainstFake({ verify: 'failed' });

    expect(result.thresholds.every((threshold) => threshold.ok)).toBe(true);
    expect(exitCode).toBe(1);
  });
});

describe('the books check', () => {
  async function fakeCli(script: string): Promise<string[]> {
    const file = join(await mkdtemp(join(tmpdir(), 'k6-cli-')), 'cli.mjs');
    await writeFile(file, script);
    return [process.execPath, file];
  }

  it('warns and skips when the CLI has no verify command', async () => {
    const cli = await fakeCli("console.log('Commands:\\n  db\\n  seed');");
    const warnings: string[] = [];

    expect(runVerify(cli, (line) => warnings.push(line))).toBe('missing');
    expect(warnings.join('\n')).toMatch(/not available/);
  });

  it('fails when verify fails, passes when it passes', async () => {
    const failing = await fakeCli("if (process.argv[2] === '--help') console.log('Commands:\\n  verify'); else process.exit(3);");
    const passing = await fakeCli("if (process.argv[2] === '--help') console.log('Commands:\\n  verify');");

    expect(runVerify(failing, () => {})).toBe('failed');
    expect(runVerify(passing, () => {})).toBe('passed');
  });
});
