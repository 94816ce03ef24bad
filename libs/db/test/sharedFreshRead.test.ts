import { describe, expect, it } from 'vitest';
import { sharedFreshRead } from '../src/booking/sharedFreshRead.js';

/** A read whose answer is the number of the query that produced it, released by hand. */
function manualReads() {
  const pending: Array<() => void> = [];
  let started = 0;
  const read = async (_key: string) => {
    const query = ++started;
    await new Promise<void>((resolve) => pending.push(resolve));
    return query;
  };
  const finish = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { read, started: () => started, finish };
}

describe('sharedFreshRead', () => {
  it('never hands a caller a read that started before it asked, and shares the next one', async () => {
    const reads = manualReads();
    const available = sharedFreshRead(reads.read);
    const first = available('event');
    const joined = [available('event'), available('event'), available('event')];
    expect(reads.started()).toBe(1);
    await reads.finish();
    expect(await first).toBe(1);
    // The three who asked while query 1 ran share query 2, which started after they asked.
    expect(reads.started()).toBe(2);
    await reads.finish();
    expect(await Promise.all(joined)).toEqual([2, 2, 2]);
    // Nothing runs: the next caller starts its own query.
    const later = available('event');
    expect(reads.started()).toBe(3);
    await reads.finish();
    expect(await later).toBe(3);
  });

  it('keeps keys apart and survives a failed read', async () => {
    let calls = 0;
    const available = sharedFreshRead(async (key: string) => {
      calls += 1;
      if (calls === 1) throw new Error('lost connection');
      return key;
    });
    const failing = available('a');
    const next = available('a');
    const other = available('b');
    await expect(failing).rejects.toThrow('lost connection');
    expect(await next).toBe('a');
    expect(await other).toBe('b');
  });
});
