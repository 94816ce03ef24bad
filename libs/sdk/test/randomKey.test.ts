import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomKey } from '../src/randomKey.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomKey', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes UUIDs, also where crypto.randomUUID is missing (a browser page over plain http)', () => {
    expect(randomKey()).toMatch(UUID_V4);
    const { crypto } = globalThis;
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => crypto.getRandomValues(bytes) });
    const keys = new Set(Array.from({ length: 100 }, () => randomKey()));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });
});
