import { defineConfig } from 'vitest/config';

// The store, queue and adapter contract suites against a Redis Cluster: a project of `npm test`
// (vitest.config.ts, with TEST_REDIS_CLUSTER_NODES), or on its own with `npm run test:cluster`
// (a private cluster, or the one in REDIS_CLUSTER_NODES). The tests reach it through
// REDIS_CLUSTER_NODES, as the app does.
const nodes = process.env.TEST_REDIS_CLUSTER_NODES || process.env.REDIS_CLUSTER_NODES;
if (!nodes) {
  throw new Error(
    'vitest.cluster.config.ts needs a Redis Cluster: set REDIS_CLUSTER_NODES (host:port,...) or use npm run test:cluster',
  );
}

export default defineConfig({
  test: {
    name: 'cluster',
    include: [
      'test/integration/store.test.ts',
      'test/integration/queue-*.test.ts',
      'test/contract/*.contract.test.ts',
    ],
    env: { REDIS_CLUSTER_NODES: nodes },
    environment: 'node',
    testTimeout: 20_000,
    // After the other projects of `npm test` (vitest.config.ts), two files at a time.
    maxWorkers: 2,
    sequence: { groupOrder: 2 },
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
