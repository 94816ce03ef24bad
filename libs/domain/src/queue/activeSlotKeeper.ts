/**
 * Keeps a buyer's active slot while something they hold lasts: a hold or an unpaid reservation
 * keeps it until it expires, however long the buyer stays idle (QUEUE_IDLE_TIMEOUT_SECONDS only ends
 * the slots of buyers with nothing held). Implemented by the waiting-room store.
 */
export interface ActiveSlotKeeper {
  /** Keeps the user's slot, if still active at `now`, at least until `until` (never past its lifetime). */
  keepUntil(userId: number, until: Date, now: Date): Promise<void>;
}

/** Without a waiting room (the operator CLI, MySQL alone): nothing to keep. */
export const keepNoSlots: ActiveSlotKeeper = { keepUntil: async () => undefined };

/**
 * Best effort: the hold or reservation is committed, and the gate in front has just pushed the idle
 * timeout back, so a Redis failure here must not turn the answer into an error; the slot then lasts
 * the idle timeout, as a buyer with nothing held gets.
 */
export async function keepSlotWhileHeld(keeper: ActiveSlotKeeper, userId: number, until: Date, now: Date): Promise<void> {
  await keeper.keepUntil(userId, until, now).catch(() => undefined);
}
