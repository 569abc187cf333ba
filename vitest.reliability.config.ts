import { defineConfig } from 'vitest/config';

// Long-running reliability tests (crash and restart, soak): `npm run test:reliability`.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
    passWithNoTests: false,
  },
});
