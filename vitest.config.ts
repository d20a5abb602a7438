import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src/shared') } },
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    setupFiles: ['./test/support/isolated-cache.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Real SQLite files, real ffmpeg on real clips, real models, the built CLI as a child process.
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // The UI answers later on a loaded 2-core machine (CI is one): a poll waits for what must happen, up to
          // 15 s unless it says otherwise, instead of vitest's 1 s.
          expect: { poll: { timeout: 15_000, interval: 50 } },
        },
      },
    ],
  },
});
