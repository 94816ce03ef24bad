import { createIdempotencyStore, createMoneyStore } from '@concert/db';
import {
  chargeWallet,
  listPayments,
  payReservation,
  purgeIdempotencyKeys,
  viewWallet,
  type ActiveSlotReleaser,
  type IdempotencyContext,
  type PayReservationInput,
} from '@concert/domain';
import type { AppDeps } from '../deps.js';

/** The wallet and payment use cases, wired to MySQL; the releaser is the waiting room's. */
export function walletServices(deps: AppDeps, releaser: ActiveSlotReleaser) {
  const store = createMoneyStore(deps.database.db);
  const idempotency: IdempotencyContext = {
    store: createIdempotencyStore(deps.database.db),
    clock: deps.clock,
    ttlHours: deps.config.idempotency.ttlHours,
  };
  const payContext = { store, clock: deps.clock, releaser, log: deps.logger };
  return {
    idempotency,
    charge: (input: { userId: number; amount: number }) =>
      chargeWallet({ ctx: { store, limits: deps.config.wallet }, input }),
    view: (userId: number) => viewWallet({ ctx: { store }, input: { userId } }),
    payments: (userId: number) => listPayments({ ctx: { store }, input: { userId } }),
    pay: (input: PayReservationInput) => payReservation({ ctx: payContext, input }),
    /** For the API's background job and the CLI. */
    purgeIdempotencyKeys: () => purgeIdempotencyKeys({ ctx: idempotency }),
  };
}

export type WalletServices = ReturnType<typeof walletServices>;
