import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/cluster/**/*.cluster.ts'],
    fileParallelism: false,
    testTimeout: 60 * 60_000,
    hookTimeout: 45 * 60_000,
  },
});
