/** A run's figures as one plain object: printed as the summary, written as JSON, drawn as HTML. */
import { type CustomMetric, customMetrics } from '../scenarios/client.ts';
import { type EndpointId, endpointName } from '../scenarios/endpoints.ts';
import type { Scenario } from '../scenarios/scenarios.ts';
import { type RateValue, type Recorder, rateOf } from './recorder.ts';
import { percentile, sortValues, type TrendStats, trendStats } from './stats.ts';
import type { ServerProbeResult } from './serverProbe.ts';
import { counterOf, mergeRates, type ThresholdResult } from './thresholds.ts';

/** One second of the run: what the buyers saw (admissions, holds, refusals) beside what the API said. */
export interface TimelineSecond {
  second: number;
  /** Buyers whose status answered position 0 in this second. */
  admitted: number;
  /** The API's active users and admission rate, sampled in this second (null when not sampled). */
  active: number | null;
  admissionRate: number | null;
  /** Hold requests answered in this second, won or lost, and their latency. */
  holds: number;
  holdP50: number;
  holdP99: number;
  /** Answers 503 overloaded and 429 rate_limited (each retried after Retry-After). */
  shed: number;
  rateLimited: number;
  /** Cores' worth of CPU the API used. */
  apiCpuCores: number | null;
}

export interface CounterFigure {
  count: number;
  rate: number;
}
export interface RateFigure extends RateValue {
  rate: number;
}

export interface EndpointFigure extends TrendStats {
  step: EndpointId;
  name: string;
  rps: number;
  failed: number;
}

export interface RunResult {
  scenario: string;
  description: string;
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  metrics: {
    checks: RateFigure;
    http_req_duration: TrendStats;
    http_req_failed: RateFigure;
    http_reqs: CounterFigure;
    iteration_duration: TrendStats;
    iterations: CounterFigure;
    interrupted_iterations: number;
    vus_max: number;
  };
  custom: Partial<Record<CustomMetric, CounterFigure | RateFigure | TrendStats>>;
  checks: Array<{ name: string } & RateValue>;
  endpoints: EndpointFigure[];
  /** Per second of the run: requests and p95 latency (ms) of each endpoint. */
  series: Array<{ name: string; requests: number[]; p95: number[] }>;
  thresholds: ThresholdResult[];
  /** Per second of the run, for the flash sale's figures. */
  timeline: TimelineSecond[];
  /** Peak resident memory of the API during the run, from its `/metrics`, when it exposes it. */
  apiPeakMemoryBytes: number | null;
  /**
   * CPU time (user and system, all threads) the runner itself spent driving the load: on a machine
   * it shares with the API, this much was not available to the API and its servers.
   */
  loadGeneratorCpuSeconds: number;
}

function rateFigure(value: RateValue): RateFigure {
  return { ...value, rate: rateOf(value) };
}

function customFigures(recorder: Recorder, seconds: number): RunResult['custom'] {
  const figures: RunResult['custom'] = {};
  for (const [name, kind] of Object.entries(customMetrics) as Array<[CustomMetric, string]>) {
    if (kind === 'counter' && recorder.counters.has(name)) {
      const count = counterOf(recorder, name);
      figures[name] = { count, rate: count / seconds };
    }
    const rate = recorder.rates.get(name);
    if (kind === 'rate' && rate) figures[name] = rateFigure(rate);
    const trend = recorder.trends.get(name);
    if (kind === 'trend' && trend) figures[name] = trendStats(trend);
  }
  return figures;
}

export function buildResult(input: {
  scenario: Scenario;
  baseUrl: string;
  startedAt: Date;
  recorder: Recorder;
  thresholds: ThresholdResult[];
  server: ServerProbeResult;
  loadGeneratorCpuSeconds: number;
}): RunResult {
  const { recorder } = input;
  const durationMs = recorder.elapsedMs();
  const seconds = Math.max(durationMs / 1000, 0.001);
  const requests = recorder.durations.length;
  const endpoints = [...recorder.endpoints].map(([step, series]) => ({
    step,
    name: endpointName(step),
    rps: series.durations.length / seconds,
    failed: series.failed,
    ...trendStats(series.durations),
  }));
  const length = Math.ceil(durationMs / 1000);
  const series = [...recorder.endpoints].map(([step, { perSecond }]) => ({
    name: endpointName(step),
    requests: Array.from({ length }, (_, second) => perSecond[second]?.length ?? 0),
    p95: Array.from({ length }, (_, second) => percentile(sortValues(perSecond[second] ?? []), 95)),
  }));
  return {
    scenario: input.scenario.name,
    description: input.scenario.description,
    baseUrl: input.baseUrl,
    startedAt: input.startedAt.toISOString(),
    durationMs,
    metrics: {
      checks: rateFigure(mergeRates(recorder)),
      http_req_duration: trendStats(recorder.durations),
      http_req_failed: rateFigure({ passes: recorder.failedRequests, fails: requests - recorder.failedRequests }),
      http_reqs: { count: requests, rate: requests / seconds },
      iteration_duration: trendStats(recorder.iterationDurations),
      iterations: { count: recorder.iterationDurations.length, rate: recorder.iterationDurations.length / seconds },
      interrupted_iterations: recorder.interruptedIterations,
      vus_max: recorder.maxVus,
    },
    custom: customFigures(recorder, seconds),
    checks: [...recorder.checks].map(([name, value]) => ({ name, ...value })),
    endpoints: endpoints.sort((a, b) => a.name.localeCompare(b.name)),
    series,
    thresholds: input.thresholds,
    timeline: timelineOf(recorder, input.server, length),
    apiPeakMemoryBytes: input.server.peakMemoryBytes,
    loadGeneratorCpuSeconds: input.loadGeneratorCpuSeconds,
  };
}

function timelineOf(recorder: Recorder, server: ServerProbeResult, length: number): TimelineSecond[] {
  const counted = (metric: CustomMetric, second: number) => recorder.counterSeries.get(metric)?.[second] ?? 0;
  const holds = recorder.endpoints.get('occupy')?.perSecond ?? [];
  return Array.from({ length }, (_, second) => {
    const sample = server.samples.find((each) => each.second === second);
    const durations = sortValues(holds[second] ?? []);
    return {
      second,
      admitted: counted('admitted', second),
      active: sample?.activeUsers ?? null,
      admissionRate: sample?.admissionRate ?? null,
      holds: durations.length,
      holdP50: percentile(durations, 50),
      holdP99: percentile(durations, 99),
      shed: counted('shed', second),
      rateLimited: counted('rate_limited', second),
      apiCpuCores: sample?.cpuCores ?? null,
    };
  });
}
