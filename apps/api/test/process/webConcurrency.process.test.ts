import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectionBudgetProblem } from '../../src/cluster/connectionBudget.js';
import { apiProcessPerSuite, apiServices, logLines, processTestTimeouts, spawnApi, type ApiServices } from '../support/apiProcess.js';

vi.setConfig(processTestTimeouts);

/** The body of a GET on a connection of its own. */
const freshText = (port: number, path: string) =>
  new Promise<string>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });

/** GET on a connection of its own (no keep-alive), so the primary hands each one to a worker afresh. */
const freshGet = (port: number, path: string) =>
  new Promise<number | string>((resolve) => {
    const sent = request({ host: '127.0.0.1', port, path, agent: false, timeout: 10_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('timeout', () => sent.destroy(new Error('no answer')));
    sent.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    sent.end();
  });

describe('WEB_CONCURRENCY=2: two API processes on one port', () => {
  const s = apiProcessPerSuite({ WEB_CONCURRENCY: '2', DB_POOL_SIZE: '2' });
  const workers = () => logLines(s.api).filter((line) => line.msg === 'worker listening').map((line) => Number(line.worker));

  it("answers /metrics with every worker's counts, whichever worker the scrape lands on", async () => {
    await vi.waitUntil(() => workers().length === 2, { timeout: 60_000, interval: 50 });
    for (let sent = 0; sent < 10; sent += 1) expect(await freshGet(s.port, '/healthz')).toBe(200);
    const counted = /^http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} (\d+)$/m;
    for (let scrape = 0; scrape < 4; scrape += 1) expect(counted.exec(await freshText(s.port, '/metrics'))?.[1]).toBe('10');
  });

  it('keeps answering when a worker is killed, starts another, and drains both on SIGTERM', async () => {
    await vi.waitUntil(() => workers().length === 2, { timeout: 60_000, interval: 50 });
    const [killed, survivor] = workers();
    process.kill(Number(killed), 'SIGKILL');
    // A connection the primary hands to a worker at the instant it dies is lost with it, as with any
    // crash; from the moment the primary knows, the others take every connection.
    const died = { msg: 'worker died; starting another', worker: killed, signal: 'SIGKILL' };
    await vi.waitUntil(() => logLines(s.api).some((line) => line.msg === died.msg), { timeout: 60_000, interval: 10 });
    expect(logLines(s.api)).toContainEqual(expect.objectContaining(died));

    const answers = [];
    for (let sent = 0; sent < 20; sent += 1) answers.push(await freshGet(s.port, '/api/v1/concerts'));
    expect(answers).toEqual(Array(20).fill(200));

    await vi.waitUntil(() => workers().length === 3, { timeout: 60_000, interval: 50 });
    const replacement = workers()[2];
    expect(replacement).not.toBe(killed);

    s.api.signal('SIGTERM');
    expect(await s.api.exited).toBe(0);
    const lines = logLines(s.api);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'draining every worker', workers: 2 }));
    // Each live worker (the survivor and the replacement) drained: nothing was cut.
    expect(lines.filter((line) => line.msg === 'stopped')).toEqual([
      expect.objectContaining({ cut: 0 }),
      expect.objectContaining({ cut: 0 }),
    ]);
    expect([survivor, replacement].every((pid) => !isAlive(Number(pid)))).toBe(true);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the database's connection limit", () => {
  let services: ApiServices;
  beforeAll(async () => {
    services = await apiServices();
  });
  afterAll(() => services.destroy());

  it('is split among the processes with room for the operator', () => {
    expect(connectionBudgetProblem(2, 20, 45)).toBeUndefined();
    expect(connectionBudgetProblem(2, 20, 44)).toMatch(/= 45, above the database's max_connections \(44\)/);
  });

  it('refuses to start processes whose pools would not fit, saying what to lower', async () => {
    const api = spawnApi({ ...services.settings, PORT: '0', WEB_CONCURRENCY: '100', DB_POOL_SIZE: '100', LOG_LEVEL: 'warn' });
    expect(await api.exited).toBe(1);
    expect(api.output().stderr).toMatch(
      /^concert-api could not start: WEB_CONCURRENCY=100 processes × 100 connections \(DB_POOL_SIZE\) \+ 5 for the operator = 10005, above the database's max_connections \(\d+\)\. Lower WEB_CONCURRENCY or DB_POOL_SIZE/,
    );
  });
});
