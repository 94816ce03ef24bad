import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

/**
 * One browser and one API process per file, one file at a time (a browser is the heaviest thing a
 * test runs). A process starts in seconds on an idle machine and many times that on 2 shared cores:
 * the timeouts are ceilings against hangs, not timed assertions.
 */
export default mergeConfig(sharedConfig, { test: { fileParallelism: false, testTimeout: 120_000, hookTimeout: 180_000 } });
