import type { Clock } from '@concert/domain';
import { createPendingReservation, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll } from 'vitest';
import { walletCalls } from './walletCalls.js';
import { activeToken } from './queue.js';
import { createTestApp, type TestApp } from './testApp.js';

const HOUR_MS = 3_600_000;

/**
 * A test app for one describe block (created before its tests, destroyed after), with the wallet
 * calls and a shortcut to a user who holds an active token and a PENDING reservation.
 */
export function walletApp(settings: Record<string, string> = {}, clock?: Clock) {
  const state = {} as { t: TestApp; calls: ReturnType<typeof walletCalls> };
  beforeAll(async () => {
    state.t = await createTestApp(settings, clock);
    state.calls = walletCalls(state.t.app);
  });
  afterAll(() => state.t.destroy());
  return Object.assign(state, {
    /** A new user with an active token, a PENDING reservation of `totalAmount` due in an hour, and `balance`. */
    async payer(options: { totalAmount?: number; balance?: number } = {}) {
      const userId = uniqueUserId();
      if (options.balance) await state.calls.charge(userId, { amount: options.balance });
      const token = await activeToken(state.t.app, userId);
      const now = clock?.now() ?? new Date();
      const reservation = await createPendingReservation(state.t.database.db, {
        userId,
        totalAmount: options.totalAmount ?? 750,
        expiresAt: new Date(now.getTime() + HOUR_MS),
      });
      return { userId, token, reservation };
    },
  });
}
