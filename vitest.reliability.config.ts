import { defineConfig } from 'vitest/config';

// Reliability tests (crash and restart: SIGKILLed app and worker processes, a crashed Redis):
// `npm run test:reliability` runs the short (*.fast.test.ts, also in `npm test`) and the long
// (*.long.test.ts) forms. One file at a time: each starts app processes of its own, and the
// machine's cores are what the kills are timed against.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    passWithNoTests: false,
  },
});
