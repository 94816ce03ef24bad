/**
 * Samples the API's Prometheus `/metrics` once a second during a run: its resident memory (the peak
 * is the flash sale's ≤ 250 MB target), its CPU, and the waiting room's active users, line and
 * admission rate, for the report's per-second timeline. An API without `/metrics` yields nothing.
 */
import { request } from 'undici';

const INTERVAL_MS = 1000;

/** What the API said at one second of the run. */
export interface ServerSample {
  /** Whole seconds into the run. */
  second: number;
  /** Cores' worth of CPU the API process used since the previous sample. */
  cpuCores: number | null;
  activeUsers: number | null;
  waitingUsers: number | null;
  admissionRate: number | null;
}

export interface ServerProbeResult {
  peakMemoryBytes: number | null;
  samples: ServerSample[];
}

function gauge(text: string, name: string): number | null {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

/** Starts sampling; the function it returns stops it and gives what was seen. */
export function startServerProbe(baseUrl: string, elapsedMs: () => number): () => ServerProbeResult {
  const metricsUrl = new URL('/metrics', baseUrl).toString();
  const result: ServerProbeResult = { peakMemoryBytes: null, samples: [] };
  let stopped = false;
  let previous: { cpuSeconds: number; atMs: number } | undefined;
  const sample = async () => {
    while (!stopped) {
      const response = await request(metricsUrl).catch(() => null);
      if (response === null || response.statusCode !== 200) return;
      const text = await response.body.text();
      const atMs = elapsedMs();
      const memory = gauge(text, 'process_resident_memory_bytes');
      if (memory !== null) result.peakMemoryBytes = Math.max(result.peakMemoryBytes ?? 0, memory);
      const cpuSeconds = gauge(text, 'process_cpu_seconds_total');
      const cpuCores =
        cpuSeconds === null || previous === undefined ? null : (cpuSeconds - previous.cpuSeconds) / Math.max((atMs - previous.atMs) / 1000, 0.001);
      if (cpuSeconds !== null) previous = { cpuSeconds, atMs };
      result.samples.push({
        second: Math.floor(atMs / 1000),
        cpuCores,
        activeUsers: gauge(text, 'queue_active_users'),
        waitingUsers: gauge(text, 'queue_waiting_users'),
        admissionRate: gauge(text, 'queue_admission_rate_per_second'),
      });
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS).unref());
    }
  };
  void sample();
  return () => {
    stopped = true;
    return result;
  };
}
