import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/electron/**', 'node_modules/**'],
    environment: 'node',
    // better-sqlite3 is a native module: run each file in its own process.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
