/**
 * What a run measured: every request (by endpoint and by second, for the report's time series),
 * checks, iterations and the scenarios' custom metrics.
 */
import { type CustomMetric, customMetrics } from '../scenarios/client.ts';
import type { EndpointId } from '../scenarios/endpoints.ts';

export interface RateValue {
  passes: number;
  fails: number;
}

export interface EndpointSeries {
  /** Request durations (ms) of each second of the run. */
  perSecond: number[][];
  durations: number[];
  failed: number;
}

export class Recorder {
  readonly startedAt = performance.now();
  readonly durations: number[] = [];
  readonly endpoints = new Map<EndpointId, EndpointSeries>();
  readonly checks = new Map<string, RateValue>();
  readonly rates = new Map<string, RateValue>();
  readonly counters = new Map<string, number>();
  /** Each counter's additions per second of the run, for the report's timeline. */
  readonly counterSeries = new Map<string, number[]>();
  readonly trends = new Map<string, number[]>();
  readonly iterationDurations: number[] = [];
  failedRequests = 0;
  interruptedIterations = 0;
  activeVus = 0;
  maxVus = 0;

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  request(endpoint: EndpointId, startedMs: number, durationMs: number, failed: boolean): void {
    const series = this.endpoints.get(endpoint) ?? { perSecond: [], durations: [], failed: 0 };
    this.endpoints.set(endpoint, series);
    const second = Math.floor(startedMs / 1000);
    (series.perSecond[second] ??= []).push(durationMs);
    series.durations.push(durationMs);
    this.durations.push(durationMs);
    if (failed) {
      series.failed++;
      this.failedRequests++;
    }
  }

  check(name: string, ok: boolean): void {
    addRate(this.checks, name, ok);
  }

  add(metric: CustomMetric, value: number | boolean): void {
    const kind = customMetrics[metric];
    if (kind === 'rate') addRate(this.rates, metric, Boolean(value));
    else if (kind === 'counter') {
      this.counters.set(metric, (this.counters.get(metric) ?? 0) + Number(value));
      const series = this.counterSeries.get(metric) ?? [];
      const second = Math.floor(this.elapsedMs() / 1000);
      series[second] = (series[second] ?? 0) + Number(value);
      this.counterSeries.set(metric, series);
    }
    else {
      const values = this.trends.get(metric) ?? [];
      values.push(Number(value));
      this.trends.set(metric, values);
    }
  }

  vuStarted(): void {
    this.activeVus++;
    this.maxVus = Math.max(this.maxVus, this.activeVus);
  }

  vuStopped(): void {
    this.activeVus--;
  }
}

function addRate(rates: Map<string, RateValue>, name: string, pass: boolean): void {
  const rate = rates.get(name) ?? { passes: 0, fails: 0 };
  if (pass) rate.passes++;
  else rate.fails++;
  rates.set(name, rate);
}

export function rateOf(value: RateValue | undefined): number {
  if (!value) return 0;
  const total = value.passes + value.fails;
  return total === 0 ? 0 : value.passes / total;
}
