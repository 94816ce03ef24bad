import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { verifyBooks } from '@concert/db';
import { Cluster, connectRedis, Redis } from '@concert/redis';
import { createConcert, createEventWithSeats, testRedisTarget, uniqueUserId } from '@concert/testing';
import { describe, expect, it, vi } from 'vitest';
import { apiProcessPerSuite, processTestTimeouts } from '../support/apiProcess.js';

vi.setConfig(processTestTimeouts);

const clusterScript = fileURLToPath(new URL('../../../../scripts/redis-cluster.sh', import.meta.url));
const BUYERS = 8;
const PRICE = 1_000;

interface Answer {
  step: string;
  status: number;
  code?: string;
  retryAfter: string | null;
  at: number;
}

/** One buyer after another, each making the README's whole purchase; every answer is recorded. */
function purchaseLoad(base: string, eventId: number, answers: Answer[]) {
  let running = true;
  const completedAt: number[] = [];
  async function call(step: string, path: string, init: { method?: string; token?: string; body?: unknown; key?: string } = {}) {
    const response = await fetch(`${base}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { 'User-Token': init.token } : {}),
        ...(init.key ? { 'Idempotency-Key': init.key } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; list?: { id: number }[]; error?: { code: string } };
    answers.push({ step, status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after'), at: Date.now() });
    if (!response.ok) throw new Error(`${step}: ${response.status}`);
    return body;
  }
  async function purchase() {
    const userId = uniqueUserId();
    await call('charge', `/users/${userId}/wallet/charge`, { method: 'PATCH', body: { amount: PRICE } });
    const token = String((await call('token', '/queue/token', { method: 'POST', body: { userId } })).data?.token);
    while ((await call('status', '/queue/status', { token })).data?.position !== 0) await new Promise((r) => setTimeout(r, 50));
    const free = (await call('seats', `/concert-events/${eventId}/available-seats`, { token })).list ?? [];
    const seatId = free[Math.floor(Math.random() * free.length)]?.id;
    const hold = await call('hold', `/concert-events/${eventId}/occupy`, { method: 'POST', token, body: { seatId } });
    const reservation = await call('reserve', `/concert-events/${eventId}/reserve`, { method: 'POST', token, body: { occupationId: hold.data?.id } });
    const reservationId = reservation.data?.id;
    await call('pay', '/payments', { method: 'POST', token, key: `pay-${String(reservationId)}`, body: { reservationId } });
    completedAt.push(Date.now());
  }
  const lanes = Array.from({ length: BUYERS }, async () => {
    // A refused step ends that purchase; the buyer starts another, as a person would retry.
    while (running) await purchase().catch(() => new Promise((r) => setTimeout(r, 100)));
  });
  return {
    completedAt,
    async stop() {
      running = false;
      await Promise.all(lanes);
    },
  };
}

/** The master serving `key`'s slot, and the pid of its redis-server (a process the cluster script started). */
async function masterOf(cluster: Cluster, key: string) {
  const slot = await cluster.cluster('KEYSLOT', key);
  const range = (await cluster.cluster('SLOTS')).find(([from, to]) => slot >= from && slot <= to);
  const [host, port] = range?.[2] ?? [];
  if (host === undefined || port === undefined) throw new Error(`no node serves slot ${slot}`);
  const node = new Redis({ host, port, lazyConnect: true });
  const info = await node.info('server');
  node.disconnect();
  return { slot, port, pid: Number(/process_id:(\d+)/.exec(info)?.[1]) };
}

/** Waits until another node serves `slot` and every live node says cluster_state:ok. */
async function untilPromoted(cluster: Cluster, slot: number, lostPort: number) {
  for (;;) {
    const ranges = await cluster.cluster('SLOTS').catch(() => []);
    const port = ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1];
    const state = await cluster.cluster('INFO').catch(() => '');
    if (port !== undefined && port !== lostPort && String(state).includes('cluster_state:ok')) return port;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const target = testRedisTarget();

// Runs against the cluster of REDIS_CLUSTER_NODES (`.ci/run`'s cluster step); it kills one of its masters.
describe.runIf(target.clusterNodes.length > 0)('a Redis Cluster master killed while purchases run', () => {
  const s = apiProcessPerSuite({ HOLD_MAX_SEATS_PER_USER: '4', LOG_LEVEL: 'warn' });

  it('promotes its replica; the API answers 503 while it settles, never a 500, sells again after, and the books are clean', async () => {
    const event = await createEventWithSeats(s.database.db, (await createConcert(s.database.db)).id, { seats: 2_000, price: PRICE });
    const cluster = await connectRedis(target);
    if (!(cluster instanceof Cluster)) throw new Error('REDIS_CLUSTER_NODES names no cluster');
    const answers: Answer[] = [];
    const load = purchaseLoad(`http://127.0.0.1:${s.port}`, event.id, answers);
    try {
      await vi.waitUntil(() => load.completedAt.length >= 5, { timeout: 60_000, interval: 100 });
      // The master of the waiting room's slot: every gated request needs it.
      const lost = await masterOf(cluster, `${s.keyPrefix}:{queue}:active`);
      const killedAt = Date.now();
      process.kill(lost.pid, 'SIGKILL');
      const promotedPort = await untilPromoted(cluster, lost.slot, lost.port);
      const promotedAt = Date.now();
      const soldBefore = load.completedAt.length;
      await vi.waitUntil(() => load.completedAt.some((at) => at > promotedAt + 1_000), { timeout: 60_000, interval: 100 });
      await load.stop();

      const failed = answers.filter((answer) => answer.status >= 500);
      console.info(
        `failover: master :${lost.port} killed, replica :${promotedPort} serving after ${promotedAt - killedAt} ms; ` +
          `${answers.length} answers, ${failed.length} × 503 (${[...new Set(failed.map((a) => `${a.step} ${a.code}`))].join(', ')}); ` +
          `${load.completedAt.length} purchases (${load.completedAt.length - soldBefore} after the promotion)`,
      );
      const loggedErrors = s.api.output().stdout.split('\n').filter((line) => line.includes('"level":50'));
      expect(failed.filter((answer) => answer.status !== 503), loggedErrors.slice(0, 3).join('\n')).toEqual([]);
      // What a buyer's client reads: a named error and when to try again.
      expect(failed.every((answer) => answer.code !== undefined && answer.retryAfter !== null)).toBe(true);
      expect(await verifyBooks(s.database.db)).toEqual([]);
    } finally {
      await load.stop();
      cluster.disconnect();
      // The killed node comes back as a replica of the one that replaced it: the cluster is whole again.
      await promisify(execFile)('bash', [clusterScript, 'start']);
    }
  });
});
