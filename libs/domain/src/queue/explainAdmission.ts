import type { AdmissionLimits, AdmissionState } from './admissionControl.js';

/** Why the adaptive admission's rate is what it is, in one sentence for the operator. */
export function explainAdmission(state: AdmissionState, limits: AdmissionLimits): string {
  const rate = state.ratePerSecond ?? limits.minPerSecond;
  const health = state.health;
  const measured =
    health?.p90Ms === undefined
      ? 'no purchase steps answered in the last 2 s'
      : `purchase p90 ${health.p90Ms} ms (target ${limits.targetP90Ms} ms), ${(health.errorRate * 100).toFixed(1)}% errors over ${health.samples} answers`;
  switch (state.reason) {
    case undefined:
      return `${rate}/s: no decision yet; a sale starts at the minimum`;
    case 'healthy':
      return `${rate}/s: grown${rate === limits.maxPerSecond ? ' to the maximum' : ''}; ${measured}`;
    case 'quiet':
      return `${rate}/s: grown, too few purchases to judge (${health?.samples ?? 0})`;
    case 'idle':
      return `${rate}/s: held, the line used less than half of it`;
    case 'slow':
      return `${rate}/s: cut${rate === limits.minPerSecond ? ' to the minimum' : ''}, purchases too slow; ${measured}`;
    case 'errors':
      return `${rate}/s: cut${rate === limits.minPerSecond ? ' to the minimum' : ''}, purchases failing; ${measured}`;
  }
}
