import { defineConfig } from 'vite';

/**
 * Builds the storefront into dist/ for the API to serve at / (STOREFRONT_DIR). The SDK is bundled
 * from its TypeScript source (the workspace's `@concert/source` condition), so the page needs no
 * other build first and loads nothing from anywhere but the API.
 */
export default defineConfig({
  resolve: { conditions: ['@concert/source'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});
