import { adjustAdmissionRate, manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { activeToken } from '../support/queue.js';

describe('adaptive admission: the purchase steps an API process answers feed the controller', () => {
  const clock = manualClock(new Date('2030-01-01T00:00:00.100Z'));
  let fixture: BookingFixture;
  beforeAll(async () => {
    fixture = await bookingFixture({ QUEUE_ADMISSION_MODE: 'adaptive', QUEUE_ADMISSION_MIN_PER_SECOND: '40' }, clock, { seats: 30 });
  });
  afterAll(() => fixture.t.destroy());

  it('counts holds and reserves (not catalog reads), and a controller in any process decides on them', async () => {
    const { t, api, event } = fixture;
    const adaptive = t.services.queue.adaptive;
    if (!adaptive) throw new Error('adaptive admission expected');
    for (const seat of event.seats.slice(0, 25)) {
      const token = await activeToken(t.app, uniqueUserId());
      expect((await api.seats(token, event.id)).status).toBe(200);
      const hold = await api.occupy(token, event.id, { seatId: seat.id });
      expect((await api.reserve(token, event.id, { occupationId: hold.data?.id })).status).toBe(200);
    }
    await adaptive.control.flush();

    clock.advance(1_000);
    const { health, admitted } = await adaptive.control.read(clock.now());
    expect(health).toMatchObject({ samples: 50, errorRate: 0 });
    expect(admitted).toBe(25);
    // 25 admitted in the second is more than half the starting rate (40): the line used it, so the
    // decision judges the measured p90 (which this machine's speed decides) against the 50 ms target.
    const decision = await adjustAdmissionRate({ ctx: { control: adaptive.control, clock, limits: adaptive.limits } });
    const fast = (health.p90Ms ?? 0) <= adaptive.limits.targetP90Ms;
    expect(decision).toEqual(fast ? { ratePerSecond: 60, reason: 'healthy' } : { ratePerSecond: 40, reason: 'slow' });
    expect(await adaptive.control.state()).toMatchObject({ ratePerSecond: decision?.ratePerSecond, health: { samples: 50 } });
  });
});
