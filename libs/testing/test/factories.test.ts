import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConcert, createEventWithSeats, createTestDatabase, uniqueUserId, type TestDatabase } from '../src/index.js';

describe('factories', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(2);
  });
  afterAll(() => database.destroy());

  it('creates an event with numbered, available seats whose window contains now', async () => {
    const concert = await createConcert(database.db);
    const now = new Date();
    const event = await createEventWithSeats(database.db, concert.id, { seats: 3, price: 500, now });
    expect(event.seats.map((seat) => [seat.seatNumber, seat.price])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
    expect(event.reservationStartAt.getTime()).toBeLessThan(now.getTime());
    expect(event.reservationEndAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it('gives distinct user ids', () => {
    expect(new Set(Array.from({ length: 100 }, uniqueUserId)).size).toBe(100);
  });
});
