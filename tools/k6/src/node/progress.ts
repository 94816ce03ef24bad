/** A status line while the load runs: on a terminal rewritten in place, otherwise printed every few seconds. */
import { formatDuration } from './duration.ts';
import type { Recorder } from './recorder.ts';
import { sortValues, percentile } from './stats.ts';

export function startProgress(recorder: Recorder, plannedMs: number, stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true;
  let seenRequests = 0;
  let seenAt = 0;
  const print = () => {
    const elapsed = recorder.elapsedMs();
    const requests = recorder.durations.length;
    const perSecond = ((requests - seenRequests) * 1000) / Math.max(1, elapsed - seenAt);
    const recent = recorder.durations.slice(seenRequests);
    [seenRequests, seenAt] = [requests, elapsed];
    const errors = recorder.rates.get('errors');
    const errorCount = errors ? errors.passes : 0;
    const text =
      `[${formatDuration(elapsed)} / ${formatDuration(plannedMs)}] vus=${recorder.activeVus} ` +
      `reqs=${requests} (${perSecond.toFixed(0)}/s) p95=${percentile(sortValues(recent), 95).toFixed(1)}ms ` +
      `iterations=${recorder.iterationDurations.length} errors=${errorCount}`;
    stream.write(tty ? `\r${text.padEnd(100)}` : `${text}\n`);
  };
  const timer = setInterval(print, tty ? 1000 : 5000);
  return () => {
    clearInterval(timer);
    print();
    if (tty) stream.write('\n');
  };
}
