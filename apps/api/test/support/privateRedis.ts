import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { connectRedis } from '@concert/redis';

/**
 * A port nobody listens on now, chosen by the kernel. A random pick could land on a port that one
 * of the many client sockets of the other suites holds (the ephemeral range), and redis-server
 * would exit at once.
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('The kernel gave no port.');
  return address.port;
}

/**
 * A redis-server of this test alone, on its own port, that the test may stop and start again (the
 * shared one on 6379 serves other suites). No persistence: a restart comes back empty, as a failover
 * to a fresh replica would.
 */
export async function privateRedis() {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;

  async function start() {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const started = server;
    for (let attempt = 0; ; attempt += 1) {
      if (started.exitCode !== null) throw new Error(`redis-server exited with ${started.exitCode} before it listened on port ${port}.`);
      try {
        (await connectRedis(url, { connectTimeoutMs: 500 })).disconnect();
        return;
      } catch (error) {
        if (attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async function stop() {
    const running = server;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  }

  await start();
  return { url, start, stop };
}
