/** How many verified tokens one process remembers: more than the active set's default cap of 1,000. */
const DEFAULT_CAPACITY = 20_000;

interface Verified {
  userId: number;
  /** The token's `exp` claim, in seconds since the epoch. */
  exp: number;
}

/**
 * Tokens whose signature was already checked, with their expiry. A buyer presents the same token on
 * every gated call (seven in the seed's flow), and each HMAC check through WebCrypto is a round trip
 * to the thread pool; remembering the exact string skips it, since the same bytes verify the same way.
 * Expiry is still checked on every use. Bounded: when full, the oldest entry goes.
 */
export function verifiedTokens(capacity = DEFAULT_CAPACITY) {
  const entries = new Map<string, Verified>();
  return {
    /** The user id of a remembered, unexpired token; undefined when unknown (verify it), null when expired. */
    lookup(token: string, nowSeconds: number): number | null | undefined {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.exp > nowSeconds) return entry.userId;
      entries.delete(token);
      return null;
    },
    remember(token: string, verified: Verified): void {
      if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
      entries.set(token, verified);
    },
  };
}
