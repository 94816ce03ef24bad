/** One load run: drive the scenario, print the summary, apply the thresholds, write the reports, check the books. */
import { setMaxListeners } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { htmlReport } from './htmlReport.ts';
import { parseOptions, type RunOptions } from './options.ts';
import { startProgress } from './progress.ts';
import { Recorder } from './recorder.ts';
import { buildResult } from './result.ts';
import { plannedDurationMs, runExecutor } from './scheduler.ts';
import { startServerProbe } from './serverProbe.ts';
import { summaryText } from './summary.ts';
import { evaluateThresholds } from './thresholds.ts';
import { undiciClient } from './undiciClient.ts';
import { runVerify, type VerifyOutcome } from './verify.ts';

export interface RunDeps {
  verify: () => VerifyOutcome;
  log: (text: string) => void;
  /** Aborts the run early (Ctrl-C). */
  signal?: AbortSignal;
  /** The runner's CPU time since `previous`, as `process.cpuUsage` (the default) measures it. */
  cpuUsage?: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage;
}

function peakVus(options: RunOptions): number {
  const executor = options.scenario.executor;
  return executor.kind === 'shared-iterations' ? executor.vus : Math.max(...executor.stages.map((s) => s.target));
}

async function drive(options: RunOptions, recorder: Recorder, signal: AbortSignal | undefined) {
  const abort = new AbortController();
  // Every in-flight request and sleep of every VU listens to this one signal.
  setMaxListeners(0, abort.signal);
  signal?.addEventListener('abort', () => abort.abort(), { once: true });
  const { client, close } = undiciClient({ baseUrl: options.baseUrl, connections: peakVus(options), recorder, signal: abort.signal });
  const stopProgress = startProgress(recorder, plannedDurationMs(options.scenario.executor));
  let reported = false;
  await runExecutor(
    options.scenario.executor,
    async (vu, iterationInTest, vuState) => {
      const startedMs = recorder.elapsedMs();
      try {
        await options.scenario.iteration(client, { vu, iterationInTest, vuState, params: options.params });
        recorder.iterationDurations.push(recorder.elapsedMs() - startedMs);
      } catch (error) {
        // Cut short at the end of the grace period, or a bug in the scenario: either way not a completed iteration.
        recorder.interruptedIterations++;
        if (!abort.signal.aborted && !reported) {
          reported = true;
          console.error('An iteration failed:', error);
        }
      }
    },
    recorder,
    abort,
  );
  stopProgress();
  await close();
}

async function writeReports(outDir: string, name: string, json: unknown, html: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files = [join(outDir, `${name}.json`), join(outDir, `${name}.html`)];
  await writeFile(files[0] ?? '', `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(files[1] ?? '', html);
  return files;
}

/** Returns the process exit code: 1 when a threshold was crossed or the books check failed. */
export async function run(argv: string[], deps: RunDeps = { verify: () => runVerify(), log: console.log }): Promise<number> {
  const options = parseOptions(argv);
  const startedAt = new Date();
  deps.log(`Running ${options.scenario.name} against ${options.baseUrl}`);
  const recorder = new Recorder();
  const stopServerProbe = startServerProbe(options.baseUrl, () => recorder.elapsedMs());
  const cpuUsage = deps.cpuUsage ?? process.cpuUsage;
  const cpuBefore = cpuUsage();
  await drive(options, recorder, deps.signal);
  const cpu = cpuUsage(cpuBefore);
  const thresholds = evaluateThresholds(options.scenario.thresholds, recorder);
  const result = buildResult({
    scenario: options.scenario,
    baseUrl: options.baseUrl,
    startedAt,
    recorder,
    thresholds,
    server: stopServerProbe(),
    loadGeneratorCpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
  const summary = summaryText(result);
  deps.log(summary);
  const verify = options.skipVerify ? 'skipped' : deps.verify();
  const name = `${options.scenario.name}-${startedAt.toISOString().replace(/[:.]/g, '-')}`;
  const files = await writeReports(options.outDir, name, { ...result, verify }, htmlReport(result, summary));
  deps.log(`Results: ${files.join(', ')}`);
  return thresholds.some((t) => !t.ok) || verify === 'failed' ? 1 : 0;
}
