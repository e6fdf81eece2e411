/** The README's test command runs every workspace's tests in one jest run, with one PostgreSQL. */
const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Most of a test's time is spent waiting on PostgreSQL, Kafka and sockets, so two workers keep a
  // 2-core machine busy where jest's default (cores - 1) would leave one idle; four at most, because
  // every worker's subgraphs hold connections to the one test server.
  maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
  projects: [
    '<rootDir>/packages/*/jest.config.js',
    '<rootDir>/services/*/jest.config.js',
    '<rootDir>/gateway/jest.config.js',
    '<rootDir>/k8s/jest.config.js',
    '<rootDir>/scripts/jest.config.js',
  ],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/packages/testing/global-setup.mjs',
  globalTeardown: '<rootDir>/packages/testing/global-teardown.mjs',
};
