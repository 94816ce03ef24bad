import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

/**
 * Whether the built bundle (`nx build cli`: dist/main.js) still matches the checkout: no source
 * file it was built from (dist/meta.json lists them, relative to the workspace root) and no
 * migration it carries (libs/db/drizzle) is newer than it, and none is gone. An edited, renamed
 * or freshly pulled file makes it stale until the next build.
 * @param {URL} cliRoot the folder of apps/cli
 */
export function bundleIsCurrent(cliRoot) {
  const bundle = new URL('dist/main.js', cliRoot);
  const metafile = new URL('dist/meta.json', cliRoot);
  if (!existsSync(bundle) || !existsSync(metafile)) return false;
  const builtAt = statSync(bundle).mtimeMs;
  const workspaceRoot = new URL('../../', cliRoot);
  const migrations = new URL('libs/db/drizzle/', workspaceRoot);
  const sources = [
    ...Object.keys(JSON.parse(readFileSync(metafile, 'utf8')).inputs).map((file) => new URL(file, workspaceRoot)),
    ...(existsSync(migrations) ? [migrations, ...readdirSync(migrations, { recursive: true }).map((file) => new URL(file, migrations))] : []),
  ];
  return sources.every((source) => existsSync(source) && statSync(source).mtimeMs <= builtAt);
}
