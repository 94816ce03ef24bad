/**
 * k6's two executors the scenarios use, for the Node runner. `ramping-vus`: the number of VUs
 * follows the stages linearly; a VU above the target finishes its iteration, then stops (k6's
 * graceful ramp-down). `shared-iterations`: VUs take iterations from one counter until all are
 * done. Either way, iterations still running at the end get a grace period, then are aborted.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Executor, Stage } from '../scenarios/scenarios.ts';
import { parseDuration } from './duration.ts';
import type { Recorder } from './recorder.ts';

export type IterationRunner = (vu: number, iterationInTest: number, vuState: Record<string, unknown>) => Promise<void>;

/** k6's default `gracefulStop`. */
const GRACEFUL_STOP_MS = 30_000;
const TICK_MS = 100;

/** The VU count the stages ask for `elapsedMs` into the run (starting from 0 VUs). */
export function targetAt(stages: readonly Stage[], elapsedMs: number): number {
  let from = 0;
  let stageStart = 0;
  for (const stage of stages) {
    const length = parseDuration(stage.duration);
    if (elapsedMs < stageStart + length) {
      return Math.round(from + ((stage.target - from) * (elapsedMs - stageStart)) / length);
    }
    from = stage.target;
    stageStart += length;
  }
  return 0;
}

export function plannedDurationMs(executor: Executor): number {
  if (executor.kind === 'shared-iterations') return parseDuration(executor.maxDuration);
  return executor.stages.reduce((total, stage) => total + parseDuration(stage.duration), 0);
}

export async function runExecutor(executor: Executor, runner: IterationRunner, recorder: Recorder, abort: AbortController) {
  const loops =
    executor.kind === 'ramping-vus'
      ? rampingVus(executor.stages, runner, recorder, abort.signal)
      : sharedIterations(executor, runner, recorder, abort.signal);
  // The grace timer must not outlive the loops, or it would hold the process open.
  const timer = new AbortController();
  const graceOver = delay(plannedDurationMs(executor) + GRACEFUL_STOP_MS, false, { signal: timer.signal });
  const finished = await Promise.race([loops.then(() => true), graceOver.catch(() => true)]);
  timer.abort();
  if (!finished) abort.abort();
  await loops;
}

async function vuLoop(recorder: Recorder, keepGoing: () => boolean, iterate: () => Promise<void>) {
  recorder.vuStarted();
  try {
    while (keepGoing()) await iterate();
  } finally {
    recorder.vuStopped();
  }
}

async function rampingVus(stages: readonly Stage[], runner: IterationRunner, recorder: Recorder, signal: AbortSignal) {
  const total = plannedDurationMs({ kind: 'ramping-vus', stages: [...stages] });
  const running = new Map<number, Promise<void>>();
  const vuStates = new Map<number, Record<string, unknown>>();
  let target = 0;
  let nextIteration = 0;
  while (!signal.aborted && recorder.elapsedMs() < total) {
    target = targetAt(stages, recorder.elapsedMs());
    for (let vu = 1; vu <= target; vu++) {
      if (running.has(vu)) continue;
      const state = vuStates.get(vu) ?? {};
      vuStates.set(vu, state);
      const keepGoing = () => !signal.aborted && vu <= target;
      const loop = vuLoop(recorder, keepGoing, () => runner(vu, nextIteration++, state)).finally(() => running.delete(vu));
      running.set(vu, loop);
    }
    await delay(TICK_MS);
  }
  target = 0;
  while (running.size > 0) await Promise.all(running.values());
}

async function sharedIterations(
  executor: Extract<Executor, { kind: 'shared-iterations' }>,
  runner: IterationRunner,
  recorder: Recorder,
  signal: AbortSignal,
) {
  const maxMs = parseDuration(executor.maxDuration);
  let nextIteration = 0;
  const keepGoing = () => !signal.aborted && nextIteration < executor.iterations && recorder.elapsedMs() < maxMs;
  const vus = Math.min(executor.vus, executor.iterations);
  await Promise.all(
    Array.from({ length: vus }, (_, index) => {
      const state = {};
      return vuLoop(recorder, keepGoing, () => runner(index + 1, nextIteration++, state));
    }),
  );
}
