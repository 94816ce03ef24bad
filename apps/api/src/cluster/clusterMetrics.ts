import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const ASK = 'concert:cluster-metrics';
const ANSWER = 'concert:cluster-metrics-answer';

interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/**
 * In the primary of WEB_CONCURRENCY > 1: answers a worker's request for the metrics of every worker
 * (prom-client's AggregatorRegistry asks each for its registry and sums counters and histograms).
 */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message.type !== ASK) return;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => worker.send({ type: ANSWER, id: message.id, ...answer });
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** In a worker, at start: the primary may ask for this registry from then on. */
export function shareMetricsWithPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs prom-client's listener for the primary's requests.
  new AggregatorRegistry();
}

let asked = 0;

/**
 * What GET /metrics answers. One process: its registry. A worker: every worker's, summed by the
 * primary, because a scrape lands on whichever worker the primary hands the connection to and each
 * counts only its own requests.
 */
export function metricsText(registry: Registry): Promise<string> {
  if (!cluster.isWorker) return registry.metrics();
  const id = (asked += 1);
  return new Promise((resolve, reject) => {
    const onAnswer = (message: Answer) => {
      if (message.type !== ANSWER || message.id !== id) return;
      process.off('message', onAnswer);
      if (message.text === undefined) reject(new Error(`metrics of the other workers: ${message.error ?? 'no answer'}`));
      else resolve(message.text);
    };
    process.on('message', onAnswer);
    process.send?.({ type: ASK, id });
  });
}
