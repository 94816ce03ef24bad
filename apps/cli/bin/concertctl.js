#!/usr/bin/env node
// In a checkout, runs the TypeScript source through tsx, so the CLI is never a stale build;
// where only the build ships (no src/ or no tsx), runs dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let tsx;
try {
  tsx = fileURLToPath(import.meta.resolve('tsx/cli'));
} catch {
  tsx = undefined;
}

if (existsSync(source) && tsx) {
  const result = spawnSync(process.execPath, [tsx, '--conditions=@concert/source', source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
} else {
  await import(fileURLToPath(new URL('../dist/main.js', import.meta.url)));
}
