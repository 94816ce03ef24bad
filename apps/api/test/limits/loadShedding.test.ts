import { manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { bookingFixture } from '../support/bookingFixture.js';
import { listening } from '../support/listening.js';
import { activeToken } from '../support/queue.js';

const KNEE = 8;
const json = { 'Content-Type': 'application/json' };

/**
 * A served app whose process is made busy for real: `busy` holds are sent while a test transaction
 * locks every seat of the event, so each one waits in MySQL and stays in flight until the lock goes.
 */
async function busyApp(settings: Record<string, string>) {
  const fixture = await bookingFixture(
    {
      SHED_ENABLED: 'true',
      SHED_MAX_IN_FLIGHT: String(KNEE),
      // Each test drives one signal; the other's knee is out of reach (a stall of the test runner must not count).
      SHED_MAX_EVENT_LOOP_DELAY_MS: '60000',
      HOLD_SEAT_CLAIM_MS: '0',
      QUEUE_ADMISSIONS_PER_SECOND: '1000',
      ...settings,
    },
    manualClock(new Date()),
    { seats: KNEE + 2 },
  );
  const served = await listening(fixture.t.app);
  const lock = await fixture.t.database.pool.getConnection();
  // One after another: joining the line is itself shed from half the knee.
  const tokens: string[] = [];
  for (let buyer = 0; buyer < KNEE; buyer += 1) tokens.push(await activeToken(fixture.t.app, uniqueUserId()));
  const holds: Promise<Response>[] = [];
  const call = (path: string, init: RequestInit = {}) => fetch(`${served.url}${path}`, init);
  const inFlight = async () => {
    const text = await (await call('/metrics')).text();
    return Number(/^http_requests_in_flight (\d+)/m.exec(text)?.[1]);
  };
  return {
    fixture,
    call,
    inFlight,
    async lockSeats() {
      await lock.query('START TRANSACTION');
      await lock.query('SELECT id FROM seat WHERE concert_event_id = ? FOR UPDATE', [fixture.event.id]);
    },
    /** Sends holds until `count` are stuck in flight (each on its own seat, by its own buyer). */
    async busy(count: number) {
      while (holds.length < count) {
        const index = holds.length;
        holds.push(
          call(`/api/v1/concert-events/${fixture.event.id}/occupy`, {
            method: 'POST',
            headers: { ...json, 'User-Token': tokens[index] ?? '' },
            body: JSON.stringify({ seatId: fixture.event.seats[index]?.id }),
          }),
        );
      }
      while ((await inFlight()) < count) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    /** One request of each class, and the routes that are never refused: their statuses. */
    async answers() {
      const [entry, browse, purchase, healthz, readyz, metrics] = await Promise.all([
        call('/api/v1/queue/token', { method: 'POST', headers: json, body: JSON.stringify({ userId: uniqueUserId() }) }),
        // The seat map (the concert list may be answered from memory ahead of every middleware).
        call(`/api/v1/concert-events/${fixture.event.id}/available-seats`, { headers: { 'User-Token': tokens[1] ?? '' } }),
        // A purchase step that needs no lock: reserving a hold that does not exist answers 404 at once.
        call(`/api/v1/concert-events/${fixture.event.id}/reserve`, {
          method: 'POST',
          headers: { ...json, 'User-Token': tokens[0] ?? '' },
          body: JSON.stringify({ occupationId: 999_999 }),
        }),
        call('/healthz'),
        call('/readyz'),
        call('/metrics'),
      ]);
      return { entry: entry.status, browse: browse.status, purchase: purchase.status, never: [healthz.status, readyz.status, metrics.status] };
    },
    async release() {
      await lock.query('ROLLBACK');
      const answered = await Promise.all(holds);
      return answered.map((response) => response.status);
    },
    async destroy() {
      // Also when a test failed with the seats still locked: the stuck holds must end before the app.
      await lock.query('ROLLBACK');
      lock.release();
      await Promise.allSettled(holds);
      await served.close();
      await fixture.t.destroy();
    },
  };
}

/** Blocks the event loop for `turnMs` on every turn until stopped, as a process past its knee does. */
function keepLoopBusy(turnMs: number): () => void {
  let busy = true;
  const turn = () => {
    if (!busy) return;
    const until = Date.now() + turnMs;
    while (Date.now() < until) {
      // Busy on purpose.
    }
    setImmediate(turn);
  };
  setImmediate(turn);
  return () => {
    busy = false;
  };
}

describe('load shedding: a busy process refuses the least important work first', () => {
  let app: Awaited<ReturnType<typeof busyApp>> | undefined;
  afterEach(async () => {
    await app?.destroy();
    app = undefined;
  });

  it('refuses new entries from half the knee, catalog reads from three quarters, purchase steps only at the knee', async () => {
    app = await busyApp({});
    expect(await app.answers()).toEqual({ entry: 200, browse: 200, purchase: 404, never: [200, 200, 200] });
    await app.lockSeats();

    await app.busy(KNEE / 2);
    expect(await app.answers()).toEqual({ entry: 503, browse: 200, purchase: 404, never: [200, 200, 200] });
    await app.busy((KNEE * 3) / 4);
    expect(await app.answers()).toEqual({ entry: 503, browse: 503, purchase: 404, never: [200, 200, 200] });
    await app.busy(KNEE);
    expect(await app.answers()).toEqual({ entry: 503, browse: 503, purchase: 503, never: [200, 200, 200] });

    const refused = await app.call('/api/v1/queue/token', { method: 'POST', headers: json, body: JSON.stringify({ userId: uniqueUserId() }) });
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toMatchObject({ error: { code: 'overloaded', details: { shedClass: 'entry', retryAfterSeconds: 2 } } });
    const metrics = await (await app.call('/metrics')).text();
    for (const shedClass of ['entry', 'browse', 'purchase']) expect(metrics).toMatch(new RegExp(`http_requests_shed_total\\{class="${shedClass}"\\} [1-9]`));

    // The busy work itself was never refused: every stuck hold completes once the lock goes.
    expect(await app.release()).toEqual(Array(KNEE).fill(200));
    expect(await app.answers()).toEqual({ entry: 200, browse: 200, purchase: 404, never: [200, 200, 200] });
  });

  it('control: with shedding off, the same busy process takes every request', async () => {
    app = await busyApp({ SHED_ENABLED: 'false' });
    await app.lockSeats();
    await app.busy(KNEE);
    expect(await app.answers()).toEqual({ entry: 200, browse: 200, purchase: 404, never: [200, 200, 200] });
    expect(await app.release()).toEqual(Array(KNEE).fill(200));
  });

  it('refuses by event-loop delay too: while the loop is kept busy new entries are refused, purchase steps are not', async () => {
    app = await busyApp({ SHED_MAX_EVENT_LOOP_DELAY_MS: '60', SHED_MAX_IN_FLIGHT: '1000' });
    // A reading is the mean delay since the previous one: take one (idle) just before the busy spell.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await app.answers()).entry).toBe(200);
    // Busy as a saturated process is: every turn of the loop takes 50 ms, so every timer is ~40 ms
    // late: well past half the knee (30 ms), well short of the knee itself (60 ms).
    const stop = keepLoopBusy(50);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const busy = await app.answers();
    stop();
    expect(busy).toMatchObject({ entry: 503, purchase: 404, never: [200, 200, 200] });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await app.answers()).toEqual({ entry: 200, browse: 200, purchase: 404, never: [200, 200, 200] });
  });
});
