import { createIdempotencyStore, createMoneyStore } from '@concert/db';
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
} from '@concert/domain';
import pLimit, { type LimitFunction } from 'p-limit';
import type { AppDeps } from '../deps.js';

/**
 * A bulkhead (docs/adr/0008): a sale opens with everyone topping up at once, and charges are outside
 * the waiting room. Unbounded, they would fill the transaction connections and keep the admitted
 * buyers' holds, reservations and payments waiting behind them. One per app, however many of its
 * routes wire the wallet.
 */
const chargeSlots = new WeakMap<AppDeps, LimitFunction>();
function chargeSlotOf(deps: AppDeps): LimitFunction {
  let slot = chargeSlots.get(deps);
  if (!slot) {
    slot = pLimit(deps.config.wallet.chargeConcurrency);
    chargeSlots.set(deps, slot);
  }
  return slot;
}

/** The wallet and payment use cases, wired to MySQL; a payment frees its payer's slot in the waiting room. */
export function walletServices(deps: AppDeps, releaser: ActiveSlotReleaser) {
  const chargeSlot = chargeSlotOf(deps);
  // A keyless charge takes a turn of the slot inside the store, with every charge waiting then
  // (docs/adr/0010); a charge under a key is its own transaction, so it takes a turn of its own.
  // Never a keyless charge inside chargeSlot: with one slot it would wait for the turn it holds.
  const store = createMoneyStore(deps.database, { chargeSlot, chargeBatchSize: deps.config.wallet.chargeBatchSize });
  const idempotency: IdempotencyContext = {
    store: createIdempotencyStore(deps.database.db),
    clock: deps.clock,
    ttlHours: deps.config.idempotency.ttlHours,
  };
  const payContext = {
    store,
    clock: deps.clock,
    releaser,
    log: deps.logger,
    observe: (outcome: 'paid' | 'replayed') => deps.metrics.payments.inc({ outcome }),
  };
  const chargeContext = { store, limits: deps.config.wallet };
  return {
    idempotency,
    charge: (input: ChargeWalletInput) =>
      input.record ? chargeSlot(() => chargeWallet({ ctx: chargeContext, input })) : chargeWallet({ ctx: chargeContext, input }),
    view: (input: { userId: number }) => viewWallet({ ctx: { store }, input }),
    payments: (input: { userId: number }) => listPayments({ ctx: { store }, input }),
    pay: (input: PayReservationInput) => payReservation({ ctx: payContext, input }),
    /** For the API's background job and the CLI. */
    purgeIdempotencyKeys: () => purgeIdempotencyKeys({ ctx: idempotency }),
  };
}

export type WalletServices = ReturnType<typeof walletServices>;
