/** k6 durations: `'500ms'`, `'30s'`, `'1m'`, `'1m30s'`, `'2h'`. */
export function parseDuration(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new Error(`Not a duration: "${text}" (examples: 500ms, 30s, 1m30s)`);
  }
  return parts.reduce((total, [, value, unit]) => total + Number(value) * (units[unit ?? 's'] ?? 0), 0);
}

/** `1m05s`, `12.3s`, `840ms`: k6's way of printing a duration. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (ms < 1000) return `${ms.toFixed(2)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}
