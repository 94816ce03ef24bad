import * as z from 'zod';
import { dataEnvelope, instant, listEnvelope } from './envelope.js';
import { id, userId, userIdParam } from './ids.js';
import { defineOperation } from './operation.js';

const money = z.number().int();

export const wallet = z.object({ userId, balance: money.meta({ example: 100_000 }) }).meta({ id: 'Wallet' });

export const payment = z
  .object({
    id,
    reservationId: id,
    amount: money.meta({ example: 750 }),
    status: z.enum(['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED']),
    /** The sum of its refunds so far. */
    refundedAmount: money,
    paidAt: instant,
  })
  .meta({ id: 'Payment' });
export type PaymentBody = z.infer<typeof payment>;

const userPath = z.object({ userId: userIdParam });

export const getWalletOperation = defineOperation({
  operationId: 'getWallet',
  method: 'get',
  path: '/api/v1/users/{userId}/wallet',
  summary: "A user's balance (0 for a user who never charged)",
  tags: ['wallet'],
  auth: 'none',
  shedClass: 'browse',
  params: userPath,
  response: dataEnvelope(wallet),
  errors: {},
});

export const chargeWalletOperation = defineOperation({
  operationId: 'chargeWallet',
  method: 'patch',
  path: '/api/v1/users/{userId}/wallet/charge',
  summary: 'Adds money to a wallet, creating it when missing; the amount is at most WALLET_MAX_CHARGE_AMOUNT',
  tags: ['wallet'],
  auth: 'none',
  shedClass: 'entry',
  rateLimit: 'charge',
  idempotent: true,
  params: userPath,
  body: z.strictObject({ amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ example: 100_000 }) }),
  response: dataEnvelope(wallet),
  errors: {
    409: 'balance_limit_exceeded: the balance would pass WALLET_MAX_BALANCE; idempotency_request_in_progress',
    422: 'idempotency_key_reused: the Idempotency-Key was used with another body',
  },
});

export const listPaymentsOperation = defineOperation({
  operationId: 'listPayments',
  method: 'get',
  path: '/api/v1/users/{userId}/payments',
  summary: "A user's payments, newest first (the latest 100)",
  tags: ['payments'],
  auth: 'none',
  shedClass: 'browse',
  params: userPath,
  response: listEnvelope(payment),
  errors: {},
});

export const payReservationOperation = defineOperation({
  operationId: 'payReservation',
  method: 'post',
  path: '/api/v1/payments',
  summary: 'Pays a PENDING reservation from the wallet; paying it again answers the same payment',
  tags: ['payments'],
  auth: 'queueToken',
  shedClass: 'purchase',
  queuePlace: 'reported',
  rateLimit: 'payment',
  idempotent: true,
  body: z.strictObject({ reservationId: id.meta({ example: 1 }) }),
  response: dataEnvelope(payment),
  errors: {
    401: 'token_missing, token_invalid or token_expired',
    403: 'token_not_active: only a payment already made may be replayed by an inactive token',
    404: 'reservation_not_found: no such reservation of this user',
    409: 'insufficient_balance, reservation_expired, idempotency_request_in_progress',
    422: 'idempotency_key_reused: the Idempotency-Key was used with another body',
  },
});
