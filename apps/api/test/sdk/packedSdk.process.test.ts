import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { demoCatalog, insertCatalog } from '@concert/db';
import { uniqueUserId } from '@concert/testing';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiProcess, apiServices, type ApiServices, freePort, processTestTimeouts, spawnApi, untilReady } from '../support/apiProcess.js';

vi.setConfig(processTestTimeouts);

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const consumerSources = fileURLToPath(new URL('./consumer/', import.meta.url));
const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: 150_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the packed SDK, installed in a project outside the repository', () => {
  let services: ApiServices;
  let api: ApiProcess;
  let port: number;
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'concert-sdk-consumer-'));
    services = await apiServices();
    await insertCatalog(services.database.db, demoCatalog(new Date()));
    port = await freePort();
    api = spawnApi({ ...services.settings, PORT: String(port), LOG_LEVEL: 'warn' });
    // As a frontend team gets it: `npm pack` (its prepack builds the contract and the SDK), then an
    // install of the tarball alone into an empty project; the registry (or npm's cache) only for zod.
    const packed = await run('npm', ['pack', '-w', '@concert/sdk', '--pack-destination', project], repositoryRoot);
    expect(packed, packed.stderr).toMatchObject({ code: 0 });
    const tarball = (await readdir(project)).find((name) => name.endsWith('.tgz')) ?? '';
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(project, tarball)], project);
    expect(installed, installed.stderr).toMatchObject({ code: 0 });
    await untilReady(api, `http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await api?.stop();
    await services?.destroy();
    await rm(project, { recursive: true, force: true });
  });

  it('is version 0.2.0 of an ES module with its types, depending on zod alone: no workspace package, no server code', async () => {
    const manifest = JSON.parse(await readFile(join(project, 'node_modules', '@concert', 'sdk', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ version: '0.2.0', type: 'module', sideEffects: false, dependencies: { zod: expect.any(String) } });
    expect(Object.keys(manifest.dependencies as object)).toEqual(['zod']);
    expect(await readdir(join(project, 'node_modules'))).toEqual(expect.arrayContaining(['@concert', 'zod']));
    expect(await readdir(join(project, 'node_modules', '@concert'))).toEqual(['sdk']);
  });

  it('type-checks a consumer under tsc --strict, and the consumer buys two demo seats in Node while watching them sold', async () => {
    const userId = String(uniqueUserId());
    const source = (await readFile(join(consumerSources, 'node.ts'), 'utf8'))
      .replaceAll('__BASE_URL__', `http://127.0.0.1:${port}`)
      .replaceAll('__USER_ID__', userId);
    await writeFile(join(project, 'node.ts'), source);
    await writeFile(join(project, 'browser.ts'), await readFile(join(consumerSources, 'browser.ts'), 'utf8'));
    const compiled = await run(
      process.execPath,
      [tsc, '--strict', '--target', 'es2022', '--module', 'nodenext', '--lib', 'es2023,dom', '--outDir', 'out', 'node.ts', 'browser.ts'],
      project,
    );
    expect(compiled.stdout + compiled.stderr).toBe('');

    const bought = await run(process.execPath, [join('out', 'node.js')], project);
    expect(bought, bought.stderr).toMatchObject({ code: 0 });
    const seen = JSON.parse(bought.stdout) as { status: string; amount: number; mapSize: number; mine: string[] };
    expect(seen.status).toBe('COMPLETED');
    expect(seen.amount).toBeGreaterThanOrEqual(60_000);
    expect(seen.amount).toBeLessThanOrEqual(100_000);
    expect(seen.mapSize).toBe(500);
    expect(seen.mine).toEqual(['held', 'reserved', 'sold']);
  });

  it('bundles for a browser with esbuild, without Node modules, and reports its gzipped size', async () => {
    const bundled = await build({
      absWorkingDir: project,
      entryPoints: ['browser.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const code = bundled.outputFiles[0]?.contents ?? new Uint8Array();
    const text = new TextDecoder().decode(code);
    expect(text).not.toMatch(/["']node:/);
    expect(text).toContain('/seats/stream');
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.log(`@concert/sdk browser bundle: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  });
});
