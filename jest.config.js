/** The README's test command runs every workspace's tests in one jest run, with one PostgreSQL. */
/** @type {import('jest').Config} */
module.exports = {
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
