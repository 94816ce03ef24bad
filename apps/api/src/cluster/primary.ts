import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { aggregateWorkerMetrics } from './clusterMetrics.js';

/**
 * The primary of WEB_CONCURRENCY > 1: it serves nothing itself. node:cluster has it accept the
 * connections on PORT and hand them to the workers in turn (round robin); each worker is a whole API
 * process (main.ts) with its own pools and jobs. Node 20 cannot listen with SO_REUSEPORT, and the
 * kernel's hashing of connections would spread a few long-lived keep-alive connections unevenly.
 *
 * A worker that dies after it listened is replaced at once; one that fails to start stops them all
 * (its own message says why), as a single process would. SIGTERM and SIGINT are passed to every
 * worker, which drains (http/drain.ts); the primary exits once they all have, with 0 when each did.
 * Resolves with the exit code.
 */
export function runPrimary(processes: number, logger: Logger): Promise<number> {
  const listened = new Set<number>();
  // Our own count: cluster.workers keeps a dead worker until its IPC channel has closed too, which
  // may come after its 'exit' (then the last 'exit' would see it still there and nothing would follow).
  const alive = new Set<number>();
  let stopping = false;
  let exitCode = 0;

  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker.id);
    worker.once('listening', () => {
      listened.add(worker.id);
      logger.info({ worker: worker.process.pid }, 'worker listening');
    });
  };
  const stopAll = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && alive.has(worker.id)) worker.process.kill('SIGTERM');
  };

  return new Promise((resolve) => {
    cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
      const started = listened.delete(worker.id);
      alive.delete(worker.id);
      if (stopping) {
        if (code !== 0) exitCode = 1;
      } else if (started) {
        logger.error({ worker: worker.process.pid, code, signal }, 'worker died; starting another');
        fork();
      } else {
        logger.error({ worker: worker.process.pid, code, signal }, 'a worker could not start; stopping the others');
        exitCode = 1;
        stopAll();
      }
      if (stopping && alive.size === 0) resolve(exitCode);
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (stopping) return;
        logger.info({ signal, workers: alive.size }, 'draining every worker');
        stopAll();
      });
    }
    aggregateWorkerMetrics();
    logger.info({ processes }, 'starting API processes');
    for (let started = 0; started < processes; started += 1) fork();
  });
}
