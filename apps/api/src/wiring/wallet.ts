import { createIdempotencyStore, createWalletStore } from '@concert/db';
import {
  chargeWallet,
  listPayments,
  payReservation,
  purgeIdempotencyKeys,
  viewWallet,
  type ActiveSlotReleaser,
  type ChargeWalletInput,
  type IdempotencyContext,
  type PayReservationInput,
  type SeatChangeFeed,
} from '@concert/domain';
import type { AppDeps } from '../deps.js';

/**
 * The wallet and payment use cases, wired to MySQL; a payment frees its payer's slot in the waiting
 * room. The store holds the charge bulkhead (WALLET_CHARGE_CONCURRENCY), so build this once per app.
 */
export function walletServices(deps: AppDeps, releaser: ActiveSlotReleaser, feed: SeatChangeFeed) {
  const { chargeConcurrency, chargeBatchSize } = deps.config.wallet;
  const store = createWalletStore(deps.database, { concurrency: chargeConcurrency, batchSize: chargeBatchSize });
  const idempotency: IdempotencyContext = {
    store: createIdempotencyStore(deps.database.db),
    clock: deps.clock,
    ttlHours: deps.config.idempotency.ttlHours,
  };
  const payContext = {
    store,
    clock: deps.clock,
    releaser,
    feed,
    log: deps.logger,
    observe: (outcome: 'paid' | 'replayed') => deps.metrics.payments.inc({ outcome }),
  };
  const chargeContext = { store, limits: deps.config.wallet };
  return {
    idempotency,
    charge: (input: ChargeWalletInput) => chargeWallet({ ctx: chargeContext, input }),
    view: (input: { userId: number }) => viewWallet({ ctx: { store }, input }),
    payments: (input: { userId: number }) => listPayments({ ctx: { store }, input }),
    pay: (input: PayReservationInput) => payReservation({ ctx: payContext, input }),
    /** For the API's background job and the CLI. */
    purgeIdempotencyKeys: () => purgeIdempotencyKeys({ ctx: idempotency }),
  };
}

export type WalletServices = ReturnType<typeof walletServices>;
