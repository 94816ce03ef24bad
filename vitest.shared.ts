import { defineConfig } from 'vitest/config';

/**
 * The workspace's libraries export their TypeScript source under the `@concert/source`
 * condition, so tests run on source without building first.
 */
const conditions = ['@concert/source', 'module', 'node', 'import', 'default'];

export const sharedConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@concert/source'] } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
