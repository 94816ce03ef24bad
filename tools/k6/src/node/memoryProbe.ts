/** Samples the API's resident memory from its Prometheus `/metrics` during a run (the flash sale's ≤ 250 MB target). */
import { request } from 'undici';

const INTERVAL_MS = 2000;

async function residentBytes(metricsUrl: string): Promise<number | null> {
  const response = await request(metricsUrl);
  const text = await response.body.text();
  if (response.statusCode !== 200) return null;
  const match = /^process_resident_memory_bytes(?:\{[^}]*\})? (\S+)$/m.exec(text);
  return match ? Number(match[1]) : null;
}

/** Returns a function that stops sampling and gives the peak, or null when the API does not expose it. */
export function startMemoryProbe(baseUrl: string): () => number | null {
  const metricsUrl = new URL('/metrics', baseUrl).toString();
  let peak: number | null = null;
  let stopped = false;
  const sample = async () => {
    while (!stopped) {
      const bytes = await residentBytes(metricsUrl).catch(() => null);
      if (bytes === null) return;
      peak = Math.max(peak ?? 0, bytes);
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS).unref());
    }
  };
  void sample();
  return () => {
    stopped = true;
    return peak;
  };
}
