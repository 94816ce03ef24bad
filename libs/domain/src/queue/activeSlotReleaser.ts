/**
 * Frees a user's place among the active users, so the next in line is admitted: called after a
 * payment and when a user leaves. Implemented by the waiting-room store.
 */
export interface ActiveSlotReleaser {
  release(userId: number): Promise<void>;
}
