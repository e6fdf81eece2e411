// Shared jest preset: TypeScript through swc (type-checking is tsc's job in `typecheck`),
// workspace packages resolved to their sources so tests never need a build first.
const path = require('node:path');

const root = __dirname;
const workspaces = {
  '@crm/platform': 'packages/platform',
  '@crm/events': 'packages/events',
  '@crm/local-stack': 'packages/local-stack',
  '@crm/identity': 'services/identity',
  '@crm/customers': 'services/customers',
  '@crm/funnel': 'services/funnel',
  '@crm/service': 'services/service',
  '@crm/analytics': 'services/analytics',
  '@crm/gateway': 'gateway',
  '@crm/testing': 'packages/testing',
  '@crm/demo-data': 'packages/demo-data',
};

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper: {
    ...Object.fromEntries(Object.entries(workspaces).map(([name, dir]) => [`^${name}$`, path.join(root, dir, 'src/index.ts')])),
    // identity's replica kit, published for the other subgraphs (package.json "exports").
    '^@crm/identity/replica$': path.join(root, 'services/identity/src/replica/index.ts'),
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: path.join(root, 'packages/testing/global-setup.mjs'),
  globalTeardown: path.join(root, 'packages/testing/global-teardown.mjs'),
};
