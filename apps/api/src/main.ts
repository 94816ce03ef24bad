import cluster from 'node:cluster';
import { loadConfig } from '@concert/config';
import { shareMetricsWithPrimary } from './cluster/clusterMetrics.js';
import { assertConnectionBudget } from './cluster/connectionBudget.js';
import { runPrimary } from './cluster/primary.js';
import { limitHeapGrowth } from './heapGrowth.js';
import { createLogger } from './observability/logger.js';
import { startServer } from './server.js';
import { startupFailureMessage } from './startupFailure.js';

limitHeapGrowth();

function failToStart(error: unknown): never {
  console.error(`concert-api could not start: ${startupFailureMessage(error)}`);
  process.exit(1);
}

/**
 * The process entry: one API process, or with WEB_CONCURRENCY > 1 the primary of that many
 * (cluster/primary.ts), each worker entering here too. Stops cleanly on SIGTERM/SIGINT; start-up
 * failures print one clear line.
 */
// A taken port is reported by the HTTP server's 'error' event, thrown outside the awaited start.
process.once('uncaughtException', failToStart);
try {
  const config = loadConfig();
  if (cluster.isPrimary) await assertConnectionBudget(config);
  if (cluster.isPrimary && config.processes > 1) {
    process.off('uncaughtException', failToStart);
    process.exit(await runPrimary(config.processes, createLogger(config)));
  }
  const running = await startServer(config);
  process.off('uncaughtException', failToStart);
  if (cluster.isWorker) shareMetricsWithPrimary(running.deps.metrics.registry);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.deps.logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  failToStart(error);
}
