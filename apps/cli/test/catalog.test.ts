import { createConcert, createEventWithSeats, createTestDatabase, type TestDatabase } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl catalog', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(2);
  });
  afterAll(() => database.destroy());
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: database.url });

  it('lists concerts, and events with their windows and the seats on sale now', async () => {
    const concert = await createConcert(database.db, { title: 'Catalog night' });
    const open = await createEventWithSeats(database.db, concert.id, { seats: 4 });
    const later = await createEventWithSeats(database.db, concert.id, { seats: 2, window: 'not_yet_open' });
    await database.pool.query('UPDATE seat SET is_available = 0 WHERE id = ?', [open.seats[0]?.id]);

    const concerts = await cli('catalog', 'concerts', '--json');
    expect(concerts.code).toBe(0);
    expect(JSON.parse(concerts.stdout)).toContainEqual(expect.objectContaining({ id: concert.id, title: 'Catalog night' }));

    const events = await cli('catalog', 'events', String(concert.id), '--json');
    expect(events.code).toBe(0);
    const byId = new Map((JSON.parse(events.stdout) as Array<{ id: number }>).map((event) => [event.id, event]));
    expect(byId.get(open.id)).toMatchObject({ bookingOpen: true, maxSeatCount: 4, availableSeatCount: 3 });
    expect(byId.get(later.id)).toMatchObject({ bookingOpen: false, maxSeatCount: 2, availableSeatCount: 2 });

    const table = await cli('catalog', 'events', String(concert.id));
    expect(table.stdout).toContain('available');
    expect(table.stdout).toContain('Test hall');
  });

  it('names a missing concert and a malformed id, exiting 1', async () => {
    const missing = await cli('catalog', 'events', '999999');
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('Concert 999999 does not exist.');
    const malformed = await cli('catalog', 'events', 'abc');
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("invalid for argument 'concertId'");
  });
});
