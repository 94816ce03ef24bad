import type { Clock } from '../shared/clock.js';
import { nextAdmissionRate, type AdmissionControl, type AdmissionDecision, type AdmissionLimits } from './admissionControl.js';

/**
 * One step of the adaptive admission: at most one decision a second across every process. Each
 * process may call it on every admission tick; the first to find the second undecided computes the
 * next rate from the health just measured and records it with a compare-and-set, so a process that
 * raced it changes nothing. Returns the decision this call made, or undefined.
 */
export async function adjustAdmissionRate({
  ctx,
}: {
  ctx: { control: AdmissionControl; clock: Clock; limits: AdmissionLimits };
}): Promise<AdmissionDecision | undefined> {
  const now = ctx.clock.now();
  const second = Math.floor(now.getTime() / 1_000);
  const { state, health, admitted } = await ctx.control.read(now);
  if (state.decidedSecond >= second) return undefined;
  const decision = nextAdmissionRate(state.ratePerSecond ?? ctx.limits.minPerSecond, health, admitted, ctx.limits);
  return (await ctx.control.decide(state.decidedSecond, second, decision, health)) ? decision : undefined;
}
