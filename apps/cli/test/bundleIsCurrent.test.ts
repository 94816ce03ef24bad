import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleIsCurrent } from '../bin/bundleIsCurrent.js';

/** A small workspace: the CLI's source, a library it bundles, the migrations it copies. */
const SOURCES = ['apps/cli/src/main.ts', 'libs/domain/src/index.ts'];

let workspace: string;
const cliRoot = () => pathToFileURL(`${join(workspace, 'apps/cli')}/`);
const path = (file: string) => join(workspace, file);

function write(file: string, content: string) {
  mkdirSync(dirname(path(file)), { recursive: true });
  writeFileSync(path(file), content);
}

/** What `nx build cli` leaves: the bundle, the hashes of its sources, a copy of the migrations. */
function build() {
  const hashes = Object.fromEntries(SOURCES.map((file) => [file, createHash('sha256').update(readFileSync(path(file))).digest('hex')]));
  write('apps/cli/dist/main.js', '// the bundle');
  write('apps/cli/dist/sources.json', JSON.stringify(hashes));
  cpSync(path('libs/db/drizzle'), path('apps/cli/dist/drizzle'), { recursive: true });
}

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'bundle-is-current-'));
  write('apps/cli/src/main.ts', 'import "@concert/domain";');
  write('libs/domain/src/index.ts', 'export const rules = 1;');
  write('libs/db/drizzle/0000_init.sql', 'CREATE TABLE seats (id INT);');
  write('libs/db/drizzle/meta/_journal.json', '{"entries":[0]}');
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

describe('the bin runs the bundle only while it matches the checkout', () => {
  it('uses the bundle built from the sources as they are', () => {
    build();
    expect(bundleIsCurrent(cliRoot())).toBe(true);
  });

  it('still uses it when a source is touched but not changed (a checkout, an edit undone)', () => {
    build();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path('libs/domain/src/index.ts'), later, later);
    expect(bundleIsCurrent(cliRoot())).toBe(true);
  });

  it('runs the source in a clone that has not built the CLI', () => {
    expect(bundleIsCurrent(cliRoot())).toBe(false);
  });

  it('runs the source once a library the CLI bundles is edited', () => {
    build();
    write('libs/domain/src/index.ts', 'export const rules = 2;');
    expect(bundleIsCurrent(cliRoot())).toBe(false);
  });

  it('runs the source once a bundled file is gone (renamed or deleted)', () => {
    build();
    rmSync(path('libs/domain/src/index.ts'));
    expect(bundleIsCurrent(cliRoot())).toBe(false);
  });

  it('runs the source once a migration is added, so db migrate applies it', () => {
    build();
    write('libs/db/drizzle/0001_next.sql', 'ALTER TABLE seats ADD COLUMN x INT;');
    expect(bundleIsCurrent(cliRoot())).toBe(false);
  });
});
