/** Manifest validation needs no database, so no global setup: just the TypeScript transform. */
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'k8s',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/*.test.ts'],
};
