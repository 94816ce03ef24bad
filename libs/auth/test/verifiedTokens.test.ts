import { describe, expect, it } from 'vitest';
import { verifiedTokens } from '../src/verifiedTokens.js';

describe('verifiedTokens', () => {
  it('answers a remembered token until its expiry, then forgets it', () => {
    const tokens = verifiedTokens();
    expect(tokens.lookup('a', 100)).toBeUndefined();
    tokens.remember('a', { userId: 7, exp: 200 });
    expect(tokens.lookup('a', 199)).toBe(7);
    expect(tokens.lookup('a', 200)).toBeNull();
    expect(tokens.lookup('a', 100)).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const tokens = verifiedTokens(2);
    tokens.remember('a', { userId: 1, exp: 200 });
    tokens.remember('b', { userId: 2, exp: 200 });
    tokens.remember('c', { userId: 3, exp: 200 });
    expect([tokens.lookup('a', 100), tokens.lookup('b', 100), tokens.lookup('c', 100)]).toEqual([undefined, 2, 3]);
  });
});
