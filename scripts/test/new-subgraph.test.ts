/**
 * Issue 10: adding a subgraph is one command. `npm run new:subgraph` adds a throwaway subgraph to a
 * copy of the repository (a temporary folder: the working tree is never touched; node_modules, the
 * gateway and the other packages are linked, not copied), and then, as CI would with a real one:
 * everything that names every subgraph names it and is up to date, the supergraph composes with it,
 * its own generated test passes, it type-checks and lints, and behind the gateway — with identity and
 * customers, whose `User` and `Customer` it extends — it answers a mutation and queries joined across
 * the three subgraphs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningGateway } from '@crm/gateway';
import type { SubgraphDefinition } from '@crm/platform';
import type { TestSubgraphs } from '@crm/testing';
import { parseAllDocuments } from 'yaml';

const repo = path.resolve(__dirname, '../..');
const NAME = 'trade-marketing';
const MODULE = 'promo-campaign';
const scratch = mkdtempSync(path.join(tmpdir(), 'crm-new-subgraph-'));
const service = path.join(scratch, 'services', NAME);
// The subgraphs read their SDL from the copy's schema/, which has the throwaway's; read when they start.
process.env.SCHEMA_DIR = path.join(scratch, 'schema');

/** Files the generator changes in a checkout: the real ones must be the same after the test as before. */
const watched = [
  'scripts/subgraphs.ts',
  'docker-compose.yml',
  'deploy/postgres/init.sql',
  'k8s/base/kustomization.yaml',
  'k8s/base/gateway/deployment.yaml',
  'k8s/overlays/production/kustomization.yaml',
  'packages/local-stack/package.json',
  'packages/local-stack/src/subgraph-list.ts',
  'schema/supergraph.graphql',
];
const before = new Map(watched.map((file) => [file, readFileSync(path.join(repo, file), 'utf8')]));

const nodeTool = (pkg: string, bin: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [repo] })), bin);
const tsx = nodeTool('tsx', 'dist/cli.mjs');

/** Runs a Node tool in the copy; returns its exit status and everything it printed. */
function run(cwd: string, script: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const read = (file: string) => readFileSync(path.join(scratch, file), 'utf8');

/** What the generator reads and writes, copied; what it only uses, linked. */
function prepareScratch(): void {
  const skipped = (relative: string) =>
    /(^|\/)(node_modules|dist|\.turbo)$/.test(relative) || /^(scripts\/(test|kafka)|services\/[^/]+\/test)$/.test(relative);
  const copy = (from: string) =>
    cpSync(path.join(repo, from), path.join(scratch, from), { recursive: true, filter: (source) => !skipped(path.relative(repo, source).split(path.sep).join('/')) });
  for (const entry of ['scripts', 'schema', 'deploy', 'k8s', 'docker-compose.yml', 'package.json', 'jest.preset.js', 'tsconfig.base.json', 'eslint.config.mjs']) copy(entry);
  symlinkSync(path.join(repo, 'node_modules'), path.join(scratch, 'node_modules'));
  symlinkSync(path.join(repo, 'gateway'), path.join(scratch, 'gateway'));
  mkdirSync(path.join(scratch, 'packages'));
  for (const pkg of readdirSync(path.join(repo, 'packages'))) {
    if (pkg === 'local-stack') copy('packages/local-stack');
    else symlinkSync(path.join(repo, 'packages', pkg), path.join(scratch, 'packages', pkg));
  }
  for (const name of readdirSync(path.join(repo, 'services'))) copy(`services/${name}`);
}

let generated: { status: number | null; output: string };

beforeAll(() => {
  prepareScratch();
  generated = run(scratch, tsx, ['scripts/new-subgraph.ts', NAME, MODULE, '--skip-install']);
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('npm run new:subgraph', () => {
  it('refuses a name that is not lower-case kebab, or taken, naming every problem', () => {
    const refused = run(scratch, tsx, ['scripts/new-subgraph.ts', 'Customers_2', '--skip-install']);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('name "Customers_2": use lower-case kebab');
    const taken = run(scratch, tsx, ['scripts/new-subgraph.ts', 'customers', 'customer', '--skip-install']);
    expect(taken.output).toContain('name "customers": there is already such a subgraph in scripts/subgraphs.ts');
    expect(taken.output).toContain('module "customer": every subgraph already has a type Customer');
  });

  it('adds the subgraph in the module shape, with its test', () => {
    expect(generated.output).toContain(`Added subgraph ${NAME}`);
    expect(generated.status).toBe(0);
    const moduleDir = `src/modules/${MODULE}`;
    for (const file of [
      'package.json',
      'codegen.ts',
      'jest.config.js',
      'tsconfig.json',
      'tsconfig.build.json',
      'src/index.ts',
      'src/context.ts',
      'src/main.ts',
      'src/subgraph.graphql',
      'src/generated/graphql.ts',
      ...['graphql', 'module.ts', 'entity.ts', 'service.ts', 'resolvers.ts', 'loaders.ts', 'permissions.ts', 'exception.ts'].map((ext) => `${moduleDir}/${MODULE}.${ext}`),
      `${moduleDir}/index.ts`,
      `${moduleDir}/migrations/index.ts`,
      `test/${MODULE}.test.ts`,
    ]) {
      expect(existsSync(path.join(service, file)) ? file : `missing ${file}`).toBe(file);
    }
    expect(readdirSync(path.join(service, moduleDir, 'migrations'))).toContainEqual(expect.stringMatching(/^Migration\d{14}PromoCampaign\.ts$/));
  });

  it('registers it in every file that names every subgraph, with the next free port', () => {
    expect(read('scripts/subgraphs.ts')).toContain(`{ name: '${NAME}', port: 4006 },`);
    expect(read('packages/local-stack/src/subgraph-list.ts')).toContain("import { tradeMarketingSubgraph } from '@crm/trade-marketing';");
    expect(read('packages/local-stack/src/subgraph-list.ts')).toContain('{ definition: tradeMarketingSubgraph, port: 4006 },');
    expect(JSON.parse(read('packages/local-stack/package.json')).dependencies).toHaveProperty('@crm/trade-marketing');
    expect(read('deploy/postgres/init.sql')).toContain('CREATE DATABASE "crm_trade-marketing";');
    const compose = read('docker-compose.yml');
    expect(compose).toContain('  trade-marketing:\n    <<: *subgraph\n');
    expect(compose).toContain('DATABASE_URL: postgres://crm:${POSTGRES_PASSWORD:-crm}@postgres:5432/crm_trade-marketing');
    expect(compose).toContain('      SUBGRAPH_URL_TRADE_MARKETING: http://trade-marketing:4006/graphql\n');
    expect(compose).toContain('      trade-marketing: { condition: service_healthy }\n');
    expect(read('k8s/base/kustomization.yaml')).toContain('  - trade-marketing/deployment.yaml\n');
    expect(read('k8s/base/gateway/deployment.yaml')).toContain('- name: SUBGRAPH_URL_TRADE_MARKETING\n              value: http://trade-marketing:4006/graphql');
    expect(read(`k8s/base/${NAME}/deployment.yaml`)).toContain('containerPort: 4006');
    expect(read('k8s/overlays/production/kustomization.yaml')).toContain('  - name: crm/trade-marketing\n    newName: registry.example.com/crm/trade-marketing\n');
    // The production overlay renders with a released image of it.
    const rendered = run(scratch, nodeTool('kustomize', 'run.js'), ['build', '--load-restrictor', 'LoadRestrictionsNone', 'k8s/overlays/production']);
    expect(rendered.status).toBe(0);
    const deployment = parseAllDocuments(rendered.output)
      .map((doc) => doc.toJS() as { kind: string; metadata: { name: string }; spec: { template: { spec: { containers: { image: string }[] } } } })
      .find((m) => m.kind === 'Deployment' && m.metadata.name === NAME);
    expect(deployment?.spec.template.spec.containers.map((c) => c.image)).toEqual(['registry.example.com/crm/trade-marketing:0.1.0']);
    // What CI checks: nothing generated from the list or the SDL is stale.
    const checked = run(scratch, tsx, ['scripts/subgraph-files.ts', '--check']);
    expect([checked.status, checked.output.trim()]).toEqual([0, 'files naming every subgraph are up to date']);
  });

  it('composes it into the supergraph, contributing Customer.promoCampaigns', () => {
    const composed = run(scratch, tsx, ['scripts/compose-supergraph.ts', '--check']);
    expect([composed.status, composed.output.trim()]).toEqual([0, 'subgraph schemas and supergraph are up to date']);
    const supergraph = read('schema/supergraph.graphql');
    expect(supergraph).toContain('TRADE_MARKETING @join__graph(name: "trade-marketing", url: "http://localhost:4006/graphql")');
    expect(supergraph).toMatch(/promoCampaigns\(first: Int = 20, after: String\): PromoCampaignConnection! @join__field\(graph: TRADE_MARKETING\)/);
  });

  it('type-checks and lints', () => {
    // Workspace packages from their sources, so no build is needed; errors elsewhere are their owners' to report.
    writeFileSync(
      path.join(service, 'tsconfig.check.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { paths: { '@crm/*': ['../../packages/*/src/index.ts', '../../services/*/src/index.ts'] } } }),
    );
    const typecheck = run(service, nodeTool('typescript', 'bin/tsc'), ['--noEmit', '--pretty', 'false', '-p', 'tsconfig.check.json']);
    expect(typecheck.output).not.toMatch(/^error TS/m); // the configuration itself
    const ownErrors = typecheck.output.split('\n').filter((line) => /^(src|test)\/.*error TS/.test(line));
    expect(ownErrors).toEqual([]);
    const lint = run(scratch, nodeTool('eslint', 'bin/eslint.js'), [`services/${NAME}`]);
    expect([lint.status, lint.output.trim()]).toEqual([0, '']);
  }, 120_000);

  it('passes its own generated test', () => {
    const tested = run(scratch, nodeTool('jest', 'bin/jest.js'), ['--config', `services/${NAME}/jest.config.js`, '--ci']);
    expect(tested.output).toMatch(/Tests:\s+5 passed, 5 total/);
    expect(tested.status).toBe(0);
  }, 120_000);

  it('leaves the working tree as it was', () => {
    expect(existsSync(path.join(repo, 'services', NAME))).toBe(false);
    expect(existsSync(path.join(repo, 'k8s/base', NAME))).toBe(false);
    for (const file of watched) expect([file, readFileSync(path.join(repo, file), 'utf8') === before.get(file)]).toEqual([file, true]);
  });
});

describe('the generated subgraph behind the gateway, with identity and customers', () => {
  let system: TestSubgraphs;
  let gateway: RunningGateway;
  let ask: <T>(query: string, variables?: Record<string, unknown>) => Promise<{ data?: T; errors?: unknown[] }>;

  beforeAll(async () => {
    if (generated.status !== 0) throw new Error(`the generator failed:\n${generated.output}`);
    // Loaded only now, so the platform reads SCHEMA_DIR above.
    const { demoData } = await import('@crm/demo-data');
    const { identitySubgraph } = await import('@crm/identity');
    const { customersSubgraph } = await import('@crm/customers');
    const { startGateway } = await import('@crm/gateway');
    const { graphql, startTestSubgraphs } = await import('@crm/testing');
    const throwaway = (await import(path.join(service, 'src/index.ts'))) as Record<string, SubgraphDefinition>;
    system = await startTestSubgraphs([identitySubgraph, customersSubgraph, throwaway.tradeMarketingSubgraph!], { seedDemoData: true });
    gateway = await startGateway({
      port: 0,
      supergraphSdl: read('schema/supergraph.graphql'),
      auth: system.auth,
      subgraphUrls: Object.fromEntries(Object.values(system.running).map((s) => [s.name, s.url])),
    });
    const rep = demoData().users.find((p) => p.email === 'rep1.east.shanghai.team1@demo.crm')!;
    const token = await system.tokenFor({ userId: rep.id, orgUnitId: rep.orgUnitId, orgPath: rep.orgPath, roles: rep.roles });
    ask = (query, variables) => graphql(gateway.url, query, { token, variables });
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
    await system?.stop();
  });

  it("answers its mutation and its queries, joined with customers' Customer and identity's User", async () => {
    const customer = await ask<{ createCustomer: { id: string } }>(`mutation { createCustomer(input: { name: "苏州工业园区百货", kind: COMPANY }) { id } }`);
    expect(customer.errors).toBeUndefined();
    const customerId = customer.data!.createCustomer.id;

    const created = await ask<{ createPromoCampaign: { id: string; owner: { displayName: string } } }>(
      `mutation ($input: CreatePromoCampaignInput!) { createPromoCampaign(input: $input) { id name owner { displayName } } }`,
      { input: { customerId, name: '618 大促' } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createPromoCampaign.owner.displayName).toEqual(expect.any(String));

    const ofCustomer = await ask(`query ($id: ID!) { customer(id: $id) { name promoCampaigns(first: 5) { edges { node { name } } } } }`, { id: customerId });
    expect(ofCustomer).toEqual({ status: 200, data: { customer: { name: '苏州工业园区百货', promoCampaigns: { edges: [{ node: { name: '618 大促' } }] } } } });

    const list = await ask(`{ promoCampaigns(first: 1) { edges { node { id customer { name } } } pageInfo { hasNextPage } } }`);
    expect(list).toEqual({
      status: 200,
      data: { promoCampaigns: { edges: [{ node: { id: created.data!.createPromoCampaign.id, customer: { name: '苏州工业园区百货' } } }], pageInfo: { hasNextPage: false } } },
    });
  });
});
