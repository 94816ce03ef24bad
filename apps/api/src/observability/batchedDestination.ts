import type { DestinationStream } from 'pino';

/** Where the batches go: pino's own synchronous sonic-boom (which handles partial writes and EAGAIN). */
export interface SyncWriter {
  write(chunk: string): unknown;
  flushSync(): void;
}

export interface BatchedDestination extends DestinationStream {
  /** pino's `logger.flush(cb)`: hands every pending line to the writer now. */
  flush(callback?: (error?: Error) => void): void;
  /** At exit: writes what is pending, and every later line at once (no later turn will come). */
  close(): void;
}

/**
 * Collects log lines and hands them to `writer` as one chunk at the end of the event-loop turn
 * that logged them (or as soon as `maxChars` are pending): a busy process makes one write() per
 * turn instead of one per request, and a quiet one still writes each line within the turn.
 * Why not sonic-boom's own minLength batching: it appends each line to one pending string and
 * measures that whole string again on every line (Buffer.byteLength, which flattens it), which is
 * quadratic in the batch; on the cached catalog path that was about 12% of a request's CPU
 * (docs/benchmarks.md). An array joined once per batch costs one push per line.
 * A SIGKILL loses at most the lines of the turn in progress; `close()` at exit loses none.
 */
export function batchedDestination(writer: SyncWriter, maxChars = 16_384): BatchedDestination {
  let lines: string[] = [];
  let pendingChars = 0;
  let scheduled = false;
  let closed = false;

  const writePending = () => {
    scheduled = false;
    if (lines.length === 0) return;
    const chunk = lines.join('');
    lines = [];
    pendingChars = 0;
    writer.write(chunk);
  };
  const flushSync = () => {
    writePending();
    writer.flushSync();
  };

  return {
    write(line: string) {
      lines.push(line);
      pendingChars += line.length;
      if (closed || pendingChars >= maxChars) writePending();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(writePending);
      }
    },
    flush(callback) {
      try {
        flushSync();
      } catch (error) {
        callback?.(error as Error);
        return;
      }
      callback?.();
    },
    close() {
      closed = true;
      flushSync();
    },
  };
}
