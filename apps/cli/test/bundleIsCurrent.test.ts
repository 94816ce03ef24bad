import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleIsCurrent } from '../bin/bundleIsCurrent.js';

/** A workspace of a few files, the bundle built at BUILT_AT from sources written a minute before. */
const BUILT_AT = new Date('2030-01-01T12:00:00Z');
const BEFORE = new Date(BUILT_AT.getTime() - 60_000);
const AFTER = new Date(BUILT_AT.getTime() + 1_000);

let workspace: string;
const cliRoot = () => pathToFileURL(`${join(workspace, 'apps/cli')}/`);

function write(file: string, at: Date, content = '') {
  const path = join(workspace, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  utimesSync(path, at, at);
}

function build() {
  const inputs = { 'apps/cli/src/main.ts': {}, 'libs/domain/src/index.ts': {} };
  write('apps/cli/dist/meta.json', BUILT_AT, JSON.stringify({ inputs }));
  write('apps/cli/dist/main.js', BUILT_AT);
}

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'bundle-is-current-'));
  write('apps/cli/src/main.ts', BEFORE);
  write('libs/domain/src/index.ts', BEFORE);
  write('libs/db/drizzle/0000_init.sql', BEFORE);
  write('libs/db/drizzle/meta/_journal.json', BEFORE);
  for (const folder of ['libs/db/drizzle/meta', 'libs/db/drizzle']) utimesSync(join(workspace, folder), BEFORE, BEFORE);
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

describe('the bin runs the bundle only while it matches the checkout', () => {
  it('uses the bundle built after every source it holds', () => {
    build();
    expect(bundleIsCurrent(cliRoot())).toBe(true);
  });

  it('runs the source in a clone that has not built the CLI', () => {
    expect(bundleIsCurrent(cliRoot())).toBe(false);
  });

  it('runs the source once a library the CLI bundles is edited', () => {
    build();
    write('libs/domain/src/index.ts', AFTER, 'export const edited = true;');
    expect(bundleIsCurrent(cliRoot())).toBe(false);
  });

  it('runs the source once a bundled file is gone (renamed or deleted)', () => {
    build();
    rmSync(join(workspace, 'libs/domain/src/index.ts'));
    expect(bundleIsCurrent(cliRoot())).toBe(false);
  });

  it('runs the source once a migration is added, so db migrate applies it', () => {
    build();
    write('libs/db/drizzle/0001_next.sql', AFTER, 'ALTER TABLE seats ADD COLUMN x INT;');
    expect(bundleIsCurrent(cliRoot())).toBe(false);
  });
});
