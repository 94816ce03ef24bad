/** One Idempotency-Key: keys are per user and per route, so two users or two routes never collide. */
export interface IdempotencyScope {
  userId: number;
  route: string;
  key: string;
}

/** The answer a request got, replayed to its retries. */
export interface IdempotentOutcome {
  statusCode: number;
  body: unknown;
}

/** A finished request's outcome, kept for its key until `expiresAt`. */
export interface IdempotentCompletion {
  scope: IdempotencyScope;
  outcome: IdempotentOutcome;
  expiresAt: Date;
}

/**
 * What an operation needs to store its own outcome inside its own transaction (see chargeWallet's
 * `record`), so that its effect and the outcome commit together or not at all.
 */
export type IdempotencySeal = Omit<IdempotentCompletion, 'outcome'>;

export type IdempotencyRecord = { requestHash: string } & (
  | { state: 'in_progress' }
  | { state: 'done'; outcome: IdempotentOutcome }
);

/** Stored keys (MySQL in production). Every method is one atomic statement or safe to race. */
export interface IdempotencyStore {
  /**
   * Takes the key for a new request until `leaseUntil`, or answers the live record holding it.
   * A record past its expiry (a finished one past its TTL, or an abandoned claim past its lease)
   * is taken over.
   */
  claim(input: {
    scope: IdempotencyScope;
    requestHash: string;
    now: Date;
    leaseUntil: Date;
  }): Promise<{ claimed: true } | { claimed: false; record: IdempotencyRecord }>;
  /**
   * Stores the outcome of a claimed request, kept until `expiresAt`. A no-op when the outcome is
   * already stored (by the operation's own transaction) or the claim is gone.
   */
  complete(input: IdempotentCompletion): Promise<void>;
  /** Gives up a claim whose request failed, so a retry runs it afresh. */
  release(scope: IdempotencyScope): Promise<void>;
  /** Deletes up to `limit` records expired at `now`; answers how many. */
  purgeExpired(input: { now: Date; limit: number }): Promise<number>;
}
