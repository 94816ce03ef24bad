/**
 * k6 thresholds over the Node runner's figures: `'p(95)<500'` on a trend, `'rate<0.1'` on a rate,
 * `'count<=1000'` on a counter; a metric may be narrowed to one endpoint as `metric{step:occupy}`.
 */
import type { EndpointId } from '../scenarios/endpoints.ts';
import { type Recorder, rateOf } from './recorder.ts';
import { percentile, sortValues, trendStats } from './stats.ts';

export interface ThresholdResult {
  metric: string;
  expression: string;
  actual: number;
  ok: boolean;
}

const comparisons: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function trendOf(recorder: Recorder, metric: string, step: string | undefined): number[] | undefined {
  if (metric === 'http_req_duration') {
    return step === undefined ? recorder.durations : recorder.endpoints.get(step as EndpointId)?.durations ?? [];
  }
  if (metric === 'iteration_duration') return recorder.iterationDurations;
  return recorder.trends.get(metric);
}

function aggregate(recorder: Recorder, metric: string, step: string | undefined, aggregation: string): number {
  const trend = trendOf(recorder, metric, step);
  if (trend !== undefined) {
    const percent = /^p\((\d+(?:\.\d+)?)\)$/.exec(aggregation);
    if (percent) return percentile(sortValues(trend), Number(percent[1]));
    const stats = trendStats(trend);
    if (aggregation in stats) return stats[aggregation as keyof typeof stats];
  }
  if (aggregation === 'rate') {
    if (metric === 'checks') return rateOf(mergeRates(recorder));
    if (metric === 'http_req_failed') return recorder.durations.length === 0 ? 0 : recorder.failedRequests / recorder.durations.length;
    if (recorder.rates.has(metric)) return rateOf(recorder.rates.get(metric));
  }
  if (aggregation === 'count') return counterOf(recorder, metric);
  throw new Error(`Threshold on ${metric}: "${aggregation}" is not something this runner measures`);
}

export function counterOf(recorder: Recorder, metric: string): number {
  if (metric === 'http_reqs') return recorder.durations.length;
  if (metric === 'iterations') return recorder.iterationDurations.length;
  return recorder.counters.get(metric) ?? 0;
}

export function mergeRates(recorder: Recorder) {
  let passes = 0;
  let fails = 0;
  for (const rate of recorder.checks.values()) {
    passes += rate.passes;
    fails += rate.fails;
  }
  return { passes, fails };
}

export function evaluateThresholds(thresholds: Record<string, string[]>, recorder: Recorder): ThresholdResult[] {
  return Object.entries(thresholds).flatMap(([key, expressions]) => {
    const [, metric = key, step] = /^([\w.]+)(?:\{step:(\w+)\})?$/.exec(key) ?? [];
    return expressions.map((expression) => {
      const match = /^\s*([\w()./]+)\s*(===|==|!=|<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expression);
      if (!match) throw new Error(`Threshold ${key}: cannot read "${expression}"`);
      const [, aggregation = '', operator = '', limit = ''] = match;
      const actual = aggregate(recorder, metric, step, aggregation);
      const compare = comparisons[operator] ?? (() => false);
      return { metric: key, expression, actual, ok: compare(actual, Number(limit)) };
    });
  });
}
