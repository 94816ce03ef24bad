import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const fixture = new URL('./logLines.fixture.ts', import.meta.url).pathname;

const logging = (count: number, mode: 'exit' | 'report' | 'sync') =>
  fork(fixture, [String(count), mode], {
    execArgv: ['--conditions=@concert/source', '--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });

/** Whether the process says it is done within `ms`. */
const doneWithin = (child: ChildProcess, ms: number) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('message', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

describe("the API's logger (pino's asynchronous destination)", () => {
  it('writes every pending line when the process exits right after logging them', async () => {
    const child = logging(20_000, 'exit');
    let lines = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines += 1;
    });
    const [code] = (await once(child, 'exit')) as [number];
    expect({ code, lines }).toEqual({ code: 0, lines: 20_000 });
  });

  it('keeps the process running when nobody reads its stdout', async () => {
    // About 30 MB of lines into a pipe that is never read: more than the pipe and the bound hold.
    const child = logging(200_000, 'report');
    try {
      expect(await doneWithin(child, 20_000)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('control: through a synchronous destination the same unread pipe stalls the process', async () => {
    const child = logging(200_000, 'sync');
    try {
      expect(await doneWithin(child, 3_000)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
