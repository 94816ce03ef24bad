/** The statistics k6 prints for a trend. */
export interface TrendStats {
  count: number;
  avg: number;
  min: number;
  med: number;
  max: number;
  'p(90)': number;
  'p(95)': number;
  'p(99)': number;
}

export function sortValues(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** The value below which `p` percent of the sorted values lie (linear interpolation, as k6 does). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const lowValue = sorted[low] ?? 0;
  const highValue = sorted[Math.min(low + 1, sorted.length - 1)] ?? lowValue;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export function trendStats(values: readonly number[]): TrendStats {
  const sorted = sortValues(values);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    avg: sorted.length === 0 ? 0 : sum / sorted.length,
    min: sorted[0] ?? 0,
    med: percentile(sorted, 50),
    max: sorted[sorted.length - 1] ?? 0,
    'p(90)': percentile(sorted, 90),
    'p(95)': percentile(sorted, 95),
    'p(99)': percentile(sorted, 99),
  };
}
