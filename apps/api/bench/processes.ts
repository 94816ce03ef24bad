import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';

const apiRoot = new URL('..', import.meta.url).pathname;
const devNull = openSync('/dev/null', 'w');

/**
 * Starts a server process from the API's folder (or `cwd`, another checkout's API folder) with
 * stdout to /dev/null (log lines are still written, by the same code path).
 */
export async function startProcess(
  script: string,
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
  cwd = apiRoot,
) {
  const child = fork(script, args, {
    cwd,
    execArgv: ['--conditions=@concert/source', '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', devNull, 'inherit', 'ipc'],
  });
  for (let attempt = 0; !(await ready()); attempt += 1) {
    if (attempt > 300 || child.exitCode !== null) throw new Error(`${script} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

export const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Whether the URL answers 2xx now. */
export const answers = (url: string) => fetch(url).then((response) => response.ok, () => false);
