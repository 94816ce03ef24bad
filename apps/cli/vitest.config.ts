import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// Each test starts several CLI processes (node + tsx, about a second each on an idle machine and
// several times that when the 2 cores are shared): a ceiling against hangs, not a timed assertion.
export default mergeConfig(sharedConfig, { test: { testTimeout: 180_000 } });
