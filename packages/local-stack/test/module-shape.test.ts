import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { allSubgraphs } from '../src';

/**
 * Issue 10's module shape, checked rather than hoped for: a subgraph is the list of its modules,
 * and each module is one folder with its definition and its SDL; nothing is registered elsewhere.
 */
const servicesDir = path.resolve(__dirname, '../../../services');

describe.each(allSubgraphs.map((definition) => [definition.name, definition] as const))('the %s subgraph', (name, definition) => {
  const modulesDir = path.join(servicesDir, name, 'src/modules');
  const folders = readdirSync(modulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

  it('lists exactly the module folders it has, by their folder names, plus the replicas it keeps', () => {
    const own = definition.modules.filter((module) => !module.replicaOf);
    expect(own.map((module) => module.name).sort()).toEqual([...folders].sort());
    const replicas = definition.modules.filter((module) => module.replicaOf).map((module) => module.replicaOf);
    // Each reads only what its own rules need: everyone identity's people, funnel and service customers' too,
    // funnel also customers' groups (its orders' parties and credit).
    const expected: Record<string, string[]> = { identity: [], customers: ['identity'], funnel: ['identity', 'customers', 'customers'], service: ['identity', 'customers'], analytics: ['identity'] };
    expect(replicas).toEqual(expected[name] ?? ['identity']);
  });

  it.each(folders)('keeps module %s in one folder: definition, SDL and public surface', (module) => {
    for (const file of [`${module}.module.ts`, `${module}.graphql`, 'index.ts']) {
      expect(existsSync(path.join(modulesDir, module, file)) ? file : `missing ${file}`).toBe(file);
    }
  });

  it('has no subgraph-wide resolver or migration lists beside its modules', () => {
    expect(existsSync(path.join(servicesDir, name, 'src/resolvers.ts'))).toBe(false);
    expect(existsSync(path.join(servicesDir, name, 'src/migrations'))).toBe(false);
  });

  it('has tests of its own beside the end-to-end suite', () => {
    const tests = existsSync(path.join(servicesDir, name, 'test')) ? readdirSync(path.join(servicesDir, name, 'test')) : [];
    expect(tests.filter((file) => file.endsWith('.test.ts')).length).toBeGreaterThan(0);
  });
});
