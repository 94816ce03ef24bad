import type { Config } from '@concert/config';
import { connectionsPerProcess, serverConnectionLimit } from '@concert/db';

/** Connections left for the operator: `concertctl` (a pool of 4) and one SQL session. */
export const OPERATOR_CONNECTIONS = 5;

/**
 * Why this machine's API processes cannot all have their pools, or undefined when they can. Each of
 * the `processes` opens all its connections at start; with the operator's they must fit in the
 * server's max_connections. Other machines' processes share the same limit: the operator keeps the
 * sum under it (docs/deployment.md).
 */
export function connectionBudgetProblem(processes: number, poolSize: number, maxConnections: number): string | undefined {
  const needed = processes * connectionsPerProcess(poolSize) + OPERATOR_CONNECTIONS;
  if (needed <= maxConnections) return undefined;
  return (
    `WEB_CONCURRENCY=${processes} processes × ${connectionsPerProcess(poolSize)} connections (DB_POOL_SIZE) + ${OPERATOR_CONNECTIONS} for the operator ` +
    `= ${needed}, above the database's max_connections (${maxConnections}). Lower WEB_CONCURRENCY or DB_POOL_SIZE, or raise max_connections.`
  );
}

/** Throws, before any pool opens, when this machine's processes cannot all have their connections. */
export async function assertConnectionBudget(config: Config): Promise<void> {
  const problem = connectionBudgetProblem(config.processes, config.db.poolSize, await serverConnectionLimit(config.db.url));
  if (problem) throw new Error(problem);
}
