import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { batchedDestination } from '../../src/observability/batchedDestination.js';

/** A writer that records each chunk it is handed, as pino's synchronous sonic-boom would write it. */
function recordingWriter() {
  const chunks: string[] = [];
  let flushes = 0;
  return { chunks, flushes: () => flushes, write: (chunk: string) => chunks.push(chunk), flushSync: () => (flushes += 1) };
}

describe('batched log destination', () => {
  it('writes the lines of one event-loop turn as one chunk, in order, at the end of that turn', async () => {
    const writer = recordingWriter();
    const destination = batchedDestination(writer);
    destination.write('a\n');
    destination.write('b\n');
    destination.write('c\n');
    expect(writer.chunks).toEqual([]);
    await nextTurn();
    expect(writer.chunks).toEqual(['a\nb\nc\n']);
    destination.write('d\n');
    await nextTurn();
    expect(writer.chunks).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('writes at once when a turn has logged more than the batch size', () => {
    const writer = recordingWriter();
    const destination = batchedDestination(writer, 10);
    destination.write('12345\n');
    destination.write('67890\n');
    destination.write('x\n');
    expect(writer.chunks).toEqual(['12345\n67890\n']);
  });

  it('hands over what is pending and flushes the writer on flushSync (the exit hook) and flush', async () => {
    const writer = recordingWriter();
    const destination = batchedDestination(writer);
    destination.write('last words\n');
    destination.flushSync();
    expect(writer.chunks).toEqual(['last words\n']);
    expect(writer.flushes()).toBe(1);
    destination.write('more\n');
    await new Promise<void>((resolve, reject) => destination.flush((error) => (error ? reject(error) : resolve())));
    expect(writer.chunks).toEqual(['last words\n', 'more\n']);
    // The turn's scheduled write finds nothing left: no empty or repeated chunk.
    await nextTurn();
    expect(writer.chunks).toHaveLength(2);
  });
});
