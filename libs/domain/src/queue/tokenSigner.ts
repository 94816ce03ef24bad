/**
 * Signs and checks queue tokens. A token names its user and nothing else: the waiting-room state
 * lives in the store, so a token stays valid across re-entry and is void once the entry is gone.
 */
export interface TokenSigner {
  issue(userId: number, now: Date): Promise<string>;
  /** The token's user id, or null when the signature, the algorithm or the expiry is wrong. */
  verify(token: string, now: Date): Promise<number | null>;
}
