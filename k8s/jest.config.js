/** Manifest validation needs no database, so no global setup: just the TypeScript transform. */
const { transform, moduleNameMapper } = require('../jest.preset.js');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'k8s',
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  testMatch: ['<rootDir>/*.test.ts'],
};
