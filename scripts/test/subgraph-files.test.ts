import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syncSubgraphFiles } from '../subgraph-files';
import { subgraphs } from '../subgraphs';

/** The files that name every subgraph follow scripts/subgraphs.ts; `npm run compose:check` holds CI to it, this holds `./crm test` to it. */
const repo = path.resolve(__dirname, '../..');
const files = [
  'packages/local-stack/src/subgraph-list.ts',
  'packages/local-stack/package.json',
  'deploy/postgres/init.sql',
  'docker-compose.yml',
  'k8s/base/kustomization.yaml',
  'k8s/base/gateway/deployment.yaml',
];
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'crm-subgraph-files-'));
  for (const file of files) cpSync(path.join(repo, file), path.join(root, file));
  cpSync(path.join(repo, 'services'), path.join(root, 'services'), { recursive: true, filter: (source) => !/node_modules|dist$/.test(source) });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

it('finds the committed files up to date with the list', () => {
  expect(syncSubgraphFiles({ check: true })).toEqual([]);
});

it('reports a hand edit inside a generated part as stale, and writes it back', () => {
  const compose = path.join(root, 'docker-compose.yml');
  writeFileSync(compose, readFileSync(compose, 'utf8').replace('SUBGRAPH_URL_FUNNEL: http://funnel:4003/graphql', 'SUBGRAPH_URL_FUNNEL: http://funnel:9999/graphql'));
  expect(syncSubgraphFiles({ root, check: true })).toEqual(['docker-compose.yml']);
  expect(syncSubgraphFiles({ root })).toEqual(['docker-compose.yml']);
  expect(readFileSync(compose, 'utf8')).toBe(readFileSync(path.join(repo, 'docker-compose.yml'), 'utf8'));
});

it('drops a removed subgraph everywhere, its package dependency included', () => {
  const withoutFunnel = subgraphs.filter((s) => s.name !== 'funnel');
  expect(syncSubgraphFiles({ root, subgraphs: withoutFunnel }).sort()).toEqual([...files].sort());
  const mentions = /@crm\/funnel|funnelSubgraph|crm_funnel|SUBGRAPH_URL_FUNNEL|^\s+funnel:|funnel\/deployment/m;
  for (const file of files) expect([file, mentions.exec(readFileSync(path.join(root, file), 'utf8'))?.[0]]).toEqual([file, undefined]);
});

it('says which lines it cannot find rather than guessing', () => {
  const kustomization = path.join(root, 'k8s/base/kustomization.yaml');
  writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace(/# end generated: subgraphs/, ''));
  expect(() => syncSubgraphFiles({ root, check: true })).toThrow('k8s/base/kustomization.yaml: no "# generated: subgraphs" … "# end generated: subgraphs" lines to fill');
});
