import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: fault tests against the real server process (kill -9, lost database connection, full
 * disk). Kept out of `vitest run` (they start servers and take minutes); `npm test` runs them after the unit
 * tests. Sizes: FAULTS_STUDENTS, FAULTS_SAVES, FAULTS_IMPORT_ROWS, FAULTS_OUTAGE_SECONDS.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.fault.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
