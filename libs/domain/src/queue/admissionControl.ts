/**
 * Admission that follows the servers' health: an AIMD controller (additive increase, multiplicative
 * decrease; Chiu & Jain, "Analysis of the Increase and Decrease Algorithms for Congestion Avoidance
 * in Computer Networks", 1989; the same rule as TCP's congestion window and Netflix
 * concurrency-limits' AIMDLimit). Once a second the admission rate grows by a fixed step while the
 * purchase routes' p90 latency stays within its target and errors stay rare, and is cut by a factor
 * as soon as either is exceeded; it never leaves [minimum, maximum]. AIMD converges to a fair,
 * efficient share of the capacity from any start, which a fixed rate cannot: the rate that keeps a
 * sale fast depends on the machine, the catalog and what else it is doing.
 */

/** The purchase routes' health over the last whole seconds, summed across every API process. */
export interface PurchaseHealth {
  /** Purchase requests answered in the window. */
  samples: number;
  /** Their 90th-percentile latency in ms (the upper bound of its histogram bucket); undefined without samples. */
  p90Ms: number | undefined;
  /** Share of them answered 5xx (including 503 overloaded): 0 to 1. */
  errorRate: number;
}

export interface AdmissionLimits {
  /** The rate a sale starts at and is never cut below (QUEUE_ADMISSION_MIN_PER_SECOND). */
  minPerSecond: number;
  /** The operator's ceiling: QUEUE_ADMISSIONS_PER_SECOND. */
  maxPerSecond: number;
  /** The p90 latency of the purchase routes to stay within (QUEUE_ADMISSION_TARGET_P90_MS). */
  targetP90Ms: number;
  /** The error share above which the rate is cut (QUEUE_ADMISSION_MAX_ERROR_PERCENT / 100). */
  maxErrorRate: number;
}

/**
 * Why the rate is what it is: grown because the purchase routes are `healthy`, or `quiet` (too few
 * purchases to judge); held because the line is `idle` (it did not use half the rate: growing a rate
 * nobody uses would open the doors wide just before a rush); cut because they were `slow` or had `errors`.
 */
export type AdmissionReason = 'healthy' | 'quiet' | 'idle' | 'slow' | 'errors';

export interface AdmissionDecision {
  ratePerSecond: number;
  reason: AdmissionReason;
}

/** Fewer samples than this say nothing about latency: the rate grows as on a quiet system. */
export const MIN_HEALTH_SAMPLES = 20;
/** The multiplicative decrease: a cut keeps this share of the rate. */
export const DECREASE_FACTOR = 0.7;
/** The additive increase per decision, as a share of the maximum (20 a second for the default 100): from the minimum to the maximum in 4 healthy seconds. */
export const INCREASE_SHARE = 0.2;

/**
 * The next admission rate from the current one, the health measured while it held, and how many were
 * admitted in the last whole second. Pure. Growth needs demand, as AIMDLimit grows only while its
 * limit is half used.
 */
export function nextAdmissionRate(current: number, health: PurchaseHealth, admitted: number, limits: AdmissionLimits): AdmissionDecision {
  const clamp = (rate: number) => Math.min(limits.maxPerSecond, Math.max(limits.minPerSecond, Math.round(rate)));
  const cut = (reason: AdmissionReason) => ({ ratePerSecond: clamp(current * DECREASE_FACTOR), reason });
  const measured = health.samples >= MIN_HEALTH_SAMPLES;
  if (measured && health.errorRate > limits.maxErrorRate) return cut('errors');
  if (measured && health.p90Ms !== undefined && health.p90Ms > limits.targetP90Ms) return cut('slow');
  if (admitted * 2 < current) return { ratePerSecond: clamp(current), reason: 'idle' };
  const step = Math.max(1, limits.maxPerSecond * INCREASE_SHARE);
  return { ratePerSecond: clamp(current + step), reason: measured ? 'healthy' : 'quiet' };
}

/** The controller's state, shared by every process (the waiting room's store keeps it). */
export interface AdmissionState {
  /** The rate in force; undefined before the first decision (the minimum then applies). */
  ratePerSecond: number | undefined;
  /** The second (epoch) of the last decision; 0 before the first. */
  decidedSecond: number;
  reason: AdmissionReason | undefined;
  /** The health the last decision was made on. */
  health: PurchaseHealth | undefined;
}

/** The port the controller runs against: the shared state and the health every process records. */
export interface AdmissionControl {
  /** The state, the health of the whole seconds just before `now`'s, and how many were admitted in the last one. */
  read(now: Date): Promise<{ state: AdmissionState; health: PurchaseHealth; admitted: number }>;
  /**
   * Records `decision` for `second` unless another process decided since `expectedSecond` (a
   * compare-and-set, atomic in the store); true when this one won.
   */
  decide(expectedSecond: number, second: number, decision: AdmissionDecision, health: PurchaseHealth): Promise<boolean>;
}
