import { defineConfig } from 'vitest/config';

// `redis`: every test against one Redis (REDIS_URL), two files at a time; `serial`: the fault,
// fuzz and browser tests, one at a time after them. With TEST_REDIS_CLUSTER_NODES set (npm test
// starts a private cluster for it: scripts/with-redis.mjs --test-cluster) also `cluster`: the
// store, queue and contract suites once more against a Redis Cluster (vitest.cluster.config.ts).
const cluster = process.env.TEST_REDIS_CLUSTER_NODES ? ['vitest.cluster.config.ts'] : [];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'redis',
          include: ['test/**/*.test.ts'],
          exclude: ['test/reliability/**', 'test/e2e/**', 'node_modules/**'],
          // Two files at a time: most of a test's time is waiting on Redis and HTTP.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          // What starts processes, kills them, floods endpoints or drives the browser runs
          // alone, after the rest: its timings are what it measures. The short forms of the
          // reliability tests run here; the long ones only in `npm run test:reliability`
          // (vitest.reliability.config.ts).
          name: 'serial',
          include: ['test/reliability/**/*.fast.test.ts', 'test/e2e/**/*.test.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      ...cluster,
    ],
  },
});
