// Shared jest preset: TypeScript through swc (type-checking is tsc's job in `typecheck`),
// workspace packages resolved to their sources so tests never need a build first.
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;

/** Every workspace of the root package.json (`packages/*`, `services/*`, `gateway`), so a new one needs no entry here. */
function workspaceDirs() {
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return fs
      .readdirSync(path.join(root, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => fs.statSync(path.join(root, dir)).isDirectory());
  });
}

/** Package name → its sources' entry point. */
const workspaces = Object.fromEntries(
  workspaceDirs().flatMap((dir) => {
    const manifest = path.join(root, dir, 'package.json');
    const entry = path.join(root, dir, 'src/index.ts');
    if (!fs.existsSync(manifest) || !fs.existsSync(entry)) return [];
    return [[JSON.parse(fs.readFileSync(manifest, 'utf8')).name, entry]];
  }),
);

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper: {
    ...Object.fromEntries(Object.entries(workspaces).map(([name, entry]) => [`^${name}$`, entry])),
    // identity's replica kit, published for the other subgraphs (package.json "exports").
    '^@crm/identity/replica$': path.join(root, 'services/identity/src/replica/index.ts'),
    '^@crm/customers/replica$': path.join(root, 'services/customers/src/replica/index.ts'),
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: path.join(root, 'packages/testing/global-setup.mjs'),
  globalTeardown: path.join(root, 'packages/testing/global-teardown.mjs'),
};
