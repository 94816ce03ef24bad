/** Runs work under a bound on how many such works run at once (the charge bulkhead). */
export type Slot = <T>(work: () => Promise<T>) => Promise<T>;

/** A batch's answer for one item: its output, or the error that failed this item alone. */
export type ItemOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns one call per item into one call per batch, the way a database's group commit does. Items
 * wait for a turn of `slot`; a turn takes every item waiting at that moment (up to `maxBatch`). So
 * under light load an item goes alone and at once, and under a burst each turn carries everyone who
 * arrived during the turn before: the round trips and commits grow with the number of turns, not of
 * items. `runBatch` answers one outcome per item, in order; if it throws, every item of the batch
 * fails with that error.
 */
export function writeBatches<I, O>(
  runBatch: (inputs: I[]) => Promise<ItemOutcome<O>[]>,
  { slot, maxBatch }: { slot: Slot; maxBatch: number },
): (input: I) => Promise<O> {
  // An empty batch would ask for the next turn at once, for ever.
  if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a whole number of at least 1, not ${maxBatch}.`);
  const waiting: Waiting<I, O>[] = [];
  let turnAsked = false;

  const askForTurn = () => {
    if (turnAsked || waiting.length === 0) return;
    turnAsked = true;
    void slot(turn);
  };

  const turn = async () => {
    turnAsked = false;
    const batch = waiting.splice(0, maxBatch);
    // More than a batch was waiting: the rest line up for the next turn now.
    askForTurn();
    if (batch.length === 0) return;
    try {
      const outcomes = await runBatch(batch.map((item) => item.input));
      batch.forEach((item, index) => {
        const outcome = outcomes[index];
        if (outcome === undefined) item.reject(new Error(`The batch answered ${outcomes.length} of ${batch.length} items.`));
        else if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      askForTurn();
    });
}
