import { Agent, request } from 'node:http';
import { uniqueUserId, type TestDatabase } from '@concert/testing';
import { describe, expect, it, vi } from 'vitest';
import { apiProcessPerSuite, logLines, processTestTimeouts } from '../support/apiProcess.js';

vi.setConfig(processTestTimeouts);

const LANES = 8;
const GRACE_MS = 5_000;

interface Outcome {
  userId: number;
  /** The HTTP status, or the socket error the client got instead of an answer. */
  status?: number;
  error?: string;
  connectionClose?: boolean;
  startedAt: number;
}

/** One charge of 1 for a user of its own, so that a committed row names the request that made it. */
function charge(agent: Agent, port: number, userId: number): Promise<Outcome> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const body = '{"amount":1}';
    const sent = request(
      { agent, host: '127.0.0.1', port, method: 'PATCH', path: `/api/v1/users/${userId}/wallet/charge`, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ userId, startedAt, status: response.statusCode, connectionClose: response.headers.connection === 'close' }),
        );
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ userId, startedAt, error: error.code ?? error.message }));
      },
    );
    sent.on('error', (error: NodeJS.ErrnoException) => resolve({ userId, startedAt, error: error.code ?? error.message }));
    sent.end(body);
  });
}

/**
 * A charge kept in flight as long as the test likes: its user's wallet row is locked by the test
 * (FOR UPDATE on a connection of its own) until `release()`.
 */
async function heldCharge(port: number, pool: PoolLike) {
  const user = uniqueUserId();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  expect((await charge(agent, port, user)).status).toBe(200);
  const locker = await pool.getConnection();
  await locker.query('START TRANSACTION');
  await locker.query('SELECT balance FROM wallet WHERE user_id = ? FOR UPDATE', [user]);
  return {
    user,
    outcome: charge(agent, port, user).finally(() => agent.destroy()),
    async release() {
      await locker.query('COMMIT');
      locker.release();
    },
  };
}

type PoolLike = Pick<TestDatabase['pool'], 'getConnection'>;

const readiness = (agent: Agent, port: number) =>
  new Promise<number | string>((resolve) => {
    request({ agent, host: '127.0.0.1', port, path: '/readyz' }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    })
      .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
      .end();
  });

describe('SIGTERM drains the API', () => {
  const s = apiProcessPerSuite({
    SHUTDOWN_GRACE_MS: String(GRACE_MS),
    RATE_LIMIT_ENABLED: 'false',
    // Charges run two at a time (on three transaction connections), so the one held on a lock
    // leaves the stream room to flow.
    DB_POOL_SIZE: '6',
    WALLET_CHARGE_CONCURRENCY: '2',
  });

  it('fails readiness at once, finishes what is in flight, and commits nothing behind a reset', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: LANES });
    const probe = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await readiness(probe, s.port)).toBe(200);

    // One request held in flight across the signal: a charge waiting for a row lock this test holds.
    const slow = await heldCharge(s.port, s.database.pool);

    const outcomes: Outcome[] = [];
    let stopSending = false;
    const lane = async () => {
      while (!stopSending) {
        const outcome = await charge(agent, s.port, uniqueUserId());
        outcomes.push(outcome);
        // A refused connection answers at once: no need to spin on it.
        if (outcome.error) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const lanes = Array.from({ length: LANES }, lane);
    // A steady stream first, over kept-alive connections.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const signalledAt = performance.now();
    s.api.signal('SIGTERM');
    // A balancer's probe on a connection kept alive from before the signal: it keeps answering
    // 200 until the process has the signal, then 503 (with Connection: close), never a refusal.
    let readyAfterSignal = await readiness(probe, s.port);
    while (readyAfterSignal === 200 && performance.now() - signalledAt < 2_000) readyAfterSignal = await readiness(probe, s.port);
    const seenDrainingAt = performance.now();
    const notReadyAfterMs = seenDrainingAt - signalledAt;
    // The held charge is still running: let it finish now, well within the grace.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await slow.release();
    const slowOutcome = await slow.outcome;
    const exitCode = await s.api.exited;
    const exitedAt = performance.now();
    stopSending = true;
    await Promise.all(lanes);
    agent.destroy();
    probe.destroy();

    expect(readyAfterSignal).toBe(503);
    expect(notReadyAfterMs).toBeLessThan(1_000);
    expect(exitCode).toBe(0);
    expect(exitedAt - signalledAt).toBeLessThan(GRACE_MS + 2_000);

    const answered = outcomes.filter((outcome) => outcome.status !== undefined);
    const unanswered = outcomes.filter((outcome) => outcome.status === undefined);
    expect(answered.length).toBeGreaterThan(20);
    // The request in flight when the signal came finished, and its charge is there.
    expect(slowOutcome.status).toBe(200);
    // Every answer is a success: nothing cut into a 5xx, nothing refused half-way.
    expect(answered.filter((outcome) => outcome.status !== 200)).toEqual([]);
    // Answers to requests sent once the process was seen draining told the client to close its
    // connection. (A request sent just after kill() may still be answered before the process has
    // the signal: the signal takes its time to arrive.)
    const whileDraining = answered.filter((outcome) => outcome.startedAt > seenDrainingAt);
    expect(whileDraining.filter((outcome) => !outcome.connectionClose)).toEqual([]);
    // Requests without an answer were refused by a closed port or connection: none got as far as a write.
    expect(unanswered.every((outcome) => ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(outcome.error ?? ''))).toBe(true);

    const [rows] = await s.database.pool.query('SELECT user_id AS userId, balance FROM wallet');
    const committed = new Map((rows as Array<{ userId: number; balance: number }>).map((row) => [Number(row.userId), Number(row.balance)]));
    expect(committed.get(slow.user)).toBe(2);
    committed.delete(slow.user);
    expect(new Set(committed.keys())).toEqual(new Set(answered.map((outcome) => outcome.userId)));
    expect([...committed.values()].every((balance) => balance === 1)).toBe(true);

    const stopped = logLines(s.api).find((line) => line.msg === 'stopped');
    expect(stopped?.cut).toBe(0);
    console.info(
      `drain: ${answered.length} answered (${whileDraining.length} sent once seen draining, all with Connection: close), ` +
        `${unanswered.length} refused before any work, readiness 503 after ${notReadyAfterMs.toFixed(0)} ms, exit ${((exitedAt - signalledAt) / 1_000).toFixed(2)} s after the signal`,
    );
  });
});

describe('SIGTERM with a request that outlives the grace', () => {
  const s = apiProcessPerSuite({ SHUTDOWN_GRACE_MS: '300' });

  it('cuts it when the grace ends, and the log says how many were cut', async () => {
    const held = await heldCharge(s.port, s.database.pool);
    await new Promise((resolve) => setTimeout(resolve, 200));
    s.api.signal('SIGTERM');
    const outcome = await held.outcome;
    await held.release();
    await s.api.exited;

    expect(outcome.status).toBeUndefined();
    expect(outcome.error).toBe('ECONNRESET');
    const warning = logLines(s.api).find((line) => line.msg === 'requests still running at the end of the grace were cut');
    expect(warning).toMatchObject({ level: 40, cut: 1, graceMs: 300 });
    expect(logLines(s.api).find((line) => line.msg === 'stopped')?.cut).toBe(1);
  });
});
