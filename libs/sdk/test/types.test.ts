import { describe, expectTypeOf, it } from 'vitest';
import { createConcertClient } from '../src/client.js';

describe('the client types', () => {
  const api = createConcertClient({ baseUrl: 'http://127.0.0.1:1' });

  it('asks for the inputs the contract declares, and answers the unwrapped data or list', () => {
    expectTypeOf(api.listAvailableEvents).toBeCallableWith({ concertId: 1 });
    expectTypeOf(api.occupySeats).toBeCallableWith({ concertEventId: 1, seatIds: [1, 2] });
    expectTypeOf(api.chargeWallet).toBeCallableWith({ userId: 1, amount: 5 }, { idempotencyKey: 'key' });
    expectTypeOf(api.listConcerts).toBeCallableWith();
    expectTypeOf(api.listAvailableSeats).returns.resolves.toEqualTypeOf<Array<{ id: number; seatNumber: number; price: number }>>();
    expectTypeOf(api.getWallet).returns.resolves.toEqualTypeOf<{ userId: number; balance: number }>();
  });

  it('refuses inputs of the wrong type', () => {
    // @ts-expect-error an id is a number
    expectTypeOf(api.listAvailableEvents).toBeCallableWith({ concertId: 'one' });
    // @ts-expect-error the path id is required
    expectTypeOf(api.reserveHold).toBeCallableWith({ occupationId: 1 });
    // @ts-expect-error a charge needs its amount
    expectTypeOf(api.chargeWallet).toBeCallableWith({ userId: 1 });
  });
});
