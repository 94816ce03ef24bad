import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** For code that must run without Node (the domain, the browser SDK): bans Node's own modules. */
export function forbidNodeModules(message, files = ['**/*.ts']) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: nodeBuiltins.map((group) => ({ group: [group], message })) }],
    },
  };
}

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'http', 'os', 'net', 'child_process', 'events', 'stream', 'util'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/drizzle/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The walls between the parts (docs/ARCHITECTURE.md). Each tag names what it may import.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // The rules: no framework, no driver, no other package at all (vitest is for its tests).
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], allowedExternalImports: ['vitest'] },
            // The wire contract is shared with browsers: zod only.
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'], allowedExternalImports: ['zod'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:adapter'] },
            // Frontends import the SDK: nothing server-side may reach it.
            {
              sourceTag: 'type:sdk',
              onlyDependOnLibsWithTags: ['type:contract'],
              allowedExternalImports: ['zod', 'vitest'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:util', 'type:adapter', 'type:testing', 'type:sdk'],
            },
            // The storefront reaches the API only through the SDK, as any frontend would.
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:sdk'], allowedExternalImports: ['vite', 'vitest'] },
            // Browser tests: the built API and storefront are processes; code reaches only the contract and the test harness.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contract', 'type:testing'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:sdk', 'type:contract', 'type:util', 'type:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Plain scripts (bin launchers) run on Node.
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    // Tool configs reach the workspace's shared settings by relative path; they ship nowhere.
    files: ['**/vitest.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
