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

  it('hands over what is pending on flush, calling back once, with no empty or repeated chunk after', async () => {
    const writer = recordingWriter();
    const destination = batchedDestination(writer);
    destination.write('pending\n');
    const calls: Array<Error | undefined> = [];
    destination.flush((error) => calls.push(error));
    expect(writer.chunks).toEqual(['pending\n']);
    expect(writer.flushes()).toBe(1);
    expect(calls).toEqual([undefined]);
    await nextTurn();
    expect(writer.chunks).toHaveLength(1);
  });

  it('at exit (close) writes what is pending and every later line at once: no turn is left to wait for', () => {
    const writer = recordingWriter();
    const destination = batchedDestination(writer);
    destination.write('last request\n');
    destination.close();
    expect(writer.chunks).toEqual(['last request\n']);
    destination.write('stopped\n');
    expect(writer.chunks).toEqual(['last request\n', 'stopped\n']);
  });

  it('reports a failing write to the flush callback once', () => {
    const failing = batchedDestination({
      write: () => {
        throw new Error('EBADF');
      },
      flushSync: () => undefined,
    });
    failing.write('x\n');
    const calls: Array<Error | undefined> = [];
    failing.flush((error) => calls.push(error));
    expect(calls.map((error) => error?.message)).toEqual(['EBADF']);
  });
});
