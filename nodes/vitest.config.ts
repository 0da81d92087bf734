import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A real Postgres for the nodes that read or write the database; each test file gets a database of its own.
    globalSetup: ['src/shared/test-support/global-setup.ts'],
    hookTimeout: 120_000,
  },
});
