import { defineConfig } from 'vitest/config';

// `redis`: every test against one Redis (REDIS_URL). With TEST_REDIS_CLUSTER_NODES set (npm test
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
          // The short forms of the reliability tests run here; the long ones only in
          // `npm run test:reliability` (vitest.reliability.config.ts).
          exclude: ['test/reliability/**/!(*.fast).test.ts', 'node_modules/**'],
        },
      },
      ...cluster,
    ],
  },
});
