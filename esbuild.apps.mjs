// @ts-check
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { readCachedProjectGraph, workspaceRoot } from '@nx/devkit';
import { generatePrunedDeployOutput } from '@nx/js';

/**
 * The esbuild settings of every app's `build` target (@nx/esbuild): one ES module bundling the app
 * with the workspace libraries it imports, read from their TypeScript source (the
 * `@concert/source` condition, as tests and tsx do), while npm packages stay imports that a
 * package.json beside the bundle lists (the executor's `thirdParty: false` marks them external).
 * Plain JavaScript: Nx loads a TypeScript config only through ts-node or swc-node.
 */

/** @typedef {{ name: string, version: string, dependencies?: Record<string, string>, bin?: Record<string, string>, engines?: Record<string, string>, allowScripts?: Record<string, boolean>, scarfSettings?: { enabled: boolean } }} PackageManifest */

/** @param {string} path @returns {PackageManifest} */
const readManifest = (path) => JSON.parse(readFileSync(path, 'utf8'));

const builtins = new Set(builtinModules);

/** `drizzle-orm/mysql2` → `drizzle-orm`; `@hono/node-server/conninfo` → `@hono/node-server`. @param {string} specifier */
function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** The workspace project (its folder) a file belongs to. @param {string} file @param {string[]} roots */
function owningProject(file, roots) {
  const owner = roots.filter((root) => file.startsWith(`${root}/`)).sort((a, b) => b.length - a.length)[0];
  if (!owner) throw new Error(`${file} is bundled but belongs to no workspace project`);
  return owner;
}

/**
 * Every npm package the bundle still imports, at the version declared by the workspace project
 * whose source imports it. An import its project does not declare fails the build: it would work
 * here through the hoisted node_modules and fail where only the bundle's dependencies are installed.
 * @param {import('esbuild').Metafile} metafile @param {string[]} projectRoots
 */
function runtimeDependencies(metafile, projectRoots) {
  /** @type {Map<string, string>} */
  const dependencies = new Map();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    // A bundled npm package's own unresolved imports are optional ones it guards (mysql2's cardinal).
    if (file.startsWith('node_modules/')) continue;
    for (const imported of input.imports) {
      if (!imported.external || builtins.has(imported.path) || imported.path.startsWith('node:')) continue;
      const name = packageNameOf(imported.path);
      const owner = owningProject(file, projectRoots);
      const version = readManifest(join(workspaceRoot, owner, 'package.json')).dependencies?.[name];
      if (!version) throw new Error(`${file} imports ${name}, which ${owner}/package.json does not list in its dependencies`);
      const known = dependencies.get(name);
      if (known && known !== version) throw new Error(`${name} is wanted at both ${known} and ${version}: align the package.json files`);
      dependencies.set(name, version);
    }
  }
  return Object.fromEntries([...dependencies].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * What the bundle was built from: each workspace source file by its content's SHA-256, and the
 * lockfile for the npm packages it holds, so a launcher can tell whether the checkout still
 * matches the bundle (apps/cli/bin/bundleIsCurrent.js).
 * @param {import('esbuild').Metafile} metafile
 */
function sourceHashes(metafile) {
  const inputs = Object.keys(metafile.inputs);
  const files = inputs.filter((file) => !file.startsWith('node_modules/'));
  if (files.length < inputs.length) files.push('package-lock.json');
  const hash = (/** @type {string} */ file) => createHash('sha256').update(readFileSync(join(workspaceRoot, file))).digest('hex');
  return Object.fromEntries(files.sort().map((file) => [file, hash(file)]));
}

/**
 * After each build: writes the package.json of the bundle's runtime dependencies and the workspace
 * lockfile pruned to them, so `npm ci --omit=dev` in the output folder installs exactly the
 * versions the app runs with here, and sources.json (sourceHashes).
 * @type {import('esbuild').Plugin}
 */
const runtimePackage = {
  name: 'runtime-package',
  setup(build) {
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      if (result.errors.length > 0 || !result.metafile) return;
      const outfile = resolve(workspaceRoot, build.initialOptions.outfile ?? '');
      const outputDirectory = dirname(outfile);
      const main = relative(outputDirectory, outfile);
      const graph = readCachedProjectGraph();
      const projectRoots = Object.values(graph.nodes).map((node) => node.data.root);
      const appRoot = owningProject(relative(workspaceRoot, outputDirectory), projectRoots);
      const app = readManifest(join(workspaceRoot, appRoot, 'package.json'));
      const root = readManifest(join(workspaceRoot, 'package.json'));
      const manifest = {
        name: app.name,
        version: app.version,
        private: true,
        type: 'module',
        engines: root.engines,
        main,
        ...(app.bin && { bin: Object.fromEntries(Object.keys(app.bin).map((command) => [command, main])) }),
        scripts: { start: `node ${main}` },
        dependencies: runtimeDependencies(result.metafile, projectRoots),
        // What the workspace decided about install scripts holds where the bundle is installed too
        // (swagger-ui-dist's @scarf/scarf would report the install to its vendor).
        allowScripts: root.allowScripts,
        scarfSettings: root.scarfSettings,
      };
      generatePrunedDeployOutput(manifest, graph, appRoot, { outputDirectory, packageManager: 'npm', workspaceRoot });
      writeFileSync(join(outputDirectory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      // Last and whole (a rename), since a launcher reading it trusts main.js: esbuild has written
      // the bundle before the end callbacks run.
      const sources = join(outputDirectory, 'sources.json');
      writeFileSync(`${sources}.partial`, `${JSON.stringify(sourceHashes(result.metafile), null, 2)}\n`);
      renameSync(`${sources}.partial`, sources);
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
export default {
  conditions: ['@concert/source'],
  // CommonJS packages bundled into this ES module (the CLI's) still require Node's own modules.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  // Stack traces name the TypeScript source with `node --enable-source-maps`.
  sourcemap: true,
  plugins: [runtimePackage],
};
