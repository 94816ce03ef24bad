import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { writeBatches, type ItemOutcome } from '../src/wallet/writeBatches.js';

/** A batch runner that records each batch and answers every item doubled, until `release` is called. */
function gatedDoubler() {
  const batches: number[][] = [];
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const run = async (inputs: number[]): Promise<ItemOutcome<number>[]> => {
    batches.push(inputs);
    await gate;
    return inputs.map((value) => ({ ok: true, value: value * 2 }));
  };
  return {
    batches,
    run,
    close() {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    open: () => release(),
  };
}

describe('writeBatches', () => {
  it('sends the items of one moment together, and those that arrive during a turn as the next batch', async () => {
    const runner = gatedDoubler();
    const submit = writeBatches(runner.run, { slot: pLimit(1), maxBatch: 10 });
    runner.close();
    const first = [submit(1), submit(2)];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [submit(3), submit(4), submit(5)];
    runner.open();
    expect(await Promise.all([...first, ...second])).toEqual([2, 4, 6, 8, 10]);
    expect(runner.batches).toEqual([[1, 2], [3, 4, 5]]);
  });

  it('splits a crowd into batches of at most maxBatch', async () => {
    const runner = gatedDoubler();
    const submit = writeBatches(runner.run, { slot: pLimit(1), maxBatch: 2 });
    expect(await Promise.all([1, 2, 3, 4, 5].map(submit))).toEqual([2, 4, 6, 8, 10]);
    expect(runner.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails an item alone when its outcome is an error, and every item when the batch throws', async () => {
    const submit = writeBatches<number, number>(
      async (inputs) => {
        if (inputs.includes(0)) throw new Error('the batch broke');
        return inputs.map((value) => (value < 0 ? { ok: false, error: new Error(`bad ${value}`) } : { ok: true, value }));
      },
      { slot: pLimit(1), maxBatch: 10 },
    );
    const mixed = await Promise.allSettled([submit(1), submit(-1), submit(2)]);
    expect(mixed.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const broken = await Promise.allSettled([submit(3), submit(0)]);
    expect(broken.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    // The next batch is unaffected.
    expect(await submit(4)).toBe(4);
  });

  it('refuses a batch size that could never carry an item', () => {
    expect(() => writeBatches(gatedDoubler().run, { slot: pLimit(1), maxBatch: 0 })).toThrow(RangeError);
  });

  it('runs as many turns at once as the slot allows', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const submit = writeBatches<number, number>(
      async (inputs) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return inputs.map((value) => ({ ok: true, value }));
      },
      { slot: pLimit(2), maxBatch: 1 },
    );
    await Promise.all([1, 2, 3, 4, 5, 6].map(submit));
    expect(mostAtOnce).toBe(2);
  });
});
