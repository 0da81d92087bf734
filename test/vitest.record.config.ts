import { defineConfig } from 'vitest/config';

/** `npm run record:histories`: the history recorder, on the same real services as the tests. */
export default defineConfig({
  test: {
    include: ['record/**/*.record.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
