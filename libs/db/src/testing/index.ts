/** Test support for this adapter: a migrated database of its own per test file. Never imported by runtime code. */
export { createTestDatabase, testServerUrl, type TestDatabase } from './testDatabase.js';
