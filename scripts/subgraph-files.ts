/**
 * The files that name every subgraph but cannot read `scripts/subgraphs.ts` when they run, written
 * from that list (`npm run compose` runs this first; `--check` writes nothing and fails when one is
 * stale, which `npm run compose:check` does in CI):
 *
 * - `packages/local-stack/src/subgraph-list.ts` (whole file) and the `@crm/<name>` dependencies of
 *   `packages/local-stack/package.json`: the one-process stack's start order and ports;
 * - `deploy/postgres/init.sql` (whole file): one database per subgraph;
 * - `docker-compose.yml`, between `# generated: <part>` and `# end generated: <part>` lines: the
 *   subgraph services, the gateway's `SUBGRAPH_URL_<NAME>` and its `depends_on`;
 * - `k8s/base/kustomization.yaml` and `k8s/base/gateway/deployment.yaml`, likewise: each
 *   subgraph's manifests and the gateway's URLs.
 *
 * Per-subgraph files (`services/<name>/`, `k8s/base/<name>/`, the production overlay's image and
 * replicas) are written once by `npm run new:subgraph` and are then the team's to edit.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gatewayPort, subgraphs as listedSubgraphs, type SubgraphEntry } from './subgraphs';

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** The gateway's variable overriding a subgraph's routing URL (`-` becomes `_`). */
export const subgraphUrlVariable = (name: string) => `SUBGRAPH_URL_${name.toUpperCase().replaceAll('-', '_')}`;
/** What a subgraph's package exports: its `SubgraphDefinition`. */
export const definitionExport = (name: string) => `${camel(name)}Subgraph`;
export const databaseName = (name: string) => `crm_${name}`;

const GENERATED_BY = 'from scripts/subgraphs.ts by `npm run compose`; edit the list, not these lines';

/** One generated file, or one generated part of a hand-written file. */
interface Output {
  file: string;
  render(current: string | null): string;
}

/** Replaces the lines between `# generated: <part> …` and `# end generated: <part>`, indented like the marker. */
function replacePart(file: string, part: string, lines: () => string[]): Output {
  return {
    file,
    render(current) {
      if (current === null) throw new Error(`${file} is missing`);
      const pattern = new RegExp(`^([ \\t]*)# generated: ${part}\\b[^\\n]*\\n[\\s\\S]*?^[ \\t]*# end generated: ${part}[^\\n]*$`, 'm');
      const match = pattern.exec(current);
      if (!match) throw new Error(`${file}: no "# generated: ${part}" … "# end generated: ${part}" lines to fill`);
      const indent = match[1]!;
      const body = [`${indent}# generated: ${part} (${GENERATED_BY})`, ...lines().map((line) => (line ? indent + line : '')), `${indent}# end generated: ${part}`];
      return current.slice(0, match.index) + body.join('\n') + current.slice(match.index + match[0].length);
    },
  };
}

const quoteSqlIdentifier = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

export function subgraphOutputs(subgraphs: readonly SubgraphEntry[], root: string): Output[] {
  /** A workspace dependency on a subgraph's package, i.e. `services/<name>` exists. */
  const isSubgraphPackage = (dep: string) =>
    dep.startsWith('@crm/') && existsSync(path.join(root, 'services', dep.slice('@crm/'.length), 'package.json'));

  const composeService = ({ name, port, signsTokens }: SubgraphEntry) => [
    `${name}:`,
    '  <<: *subgraph',
    `  build: { context: ., dockerfile: deploy/Dockerfile, args: { WORKSPACE: services/${name}, PACKAGE: "@crm/${name}", PORT: "${port}" } }`,
    `  image: crm/${name}:\${CRM_TAG:-dev}`,
    '  environment:',
    '    <<: *subgraph-env',
    `    PORT: ${port}`,
    `    DATABASE_URL: postgres://crm:\${POSTGRES_PASSWORD:-crm}@postgres:5432/${databaseName(name)}`,
    ...(signsTokens ? ['    AUTH_PRIVATE_KEY: ${AUTH_PRIVATE_KEY:?run `npm run keys` to write .env}'] : []),
  ];

  return [
    {
      file: 'packages/local-stack/src/subgraph-list.ts',
      render: () =>
        [
          `// Generated ${GENERATED_BY}.`,
          "import type { SubgraphDefinition } from '@crm/platform';",
          ...subgraphs.map(({ name }) => `import { ${definitionExport(name)} } from '@crm/${name}';`),
          '',
          '/** The gateway port the listed subgraph ports go with; another gateway port shifts them all alike. */',
          `export const listedGatewayPort = ${gatewayPort};`,
          '',
          '/** Every subgraph with its listed port, in the order they start and seed: identity\'s people before anyone\'s customers. */',
          'export const subgraphList: readonly { definition: SubgraphDefinition; port: number }[] = [',
          ...subgraphs.map(({ name, port }) => `  { definition: ${definitionExport(name)}, port: ${port} },`),
          '];',
          '',
        ].join('\n'),
    },
    {
      file: 'packages/local-stack/package.json',
      render(current) {
        if (current === null) throw new Error('packages/local-stack/package.json is missing');
        const pkg = JSON.parse(current) as { dependencies: Record<string, string> };
        const listed = new Set(subgraphs.map(({ name }) => `@crm/${name}`));
        const dependencies = Object.entries(pkg.dependencies).filter(([dep]) => listed.has(dep) || !isSubgraphPackage(dep));
        for (const dep of listed) if (!pkg.dependencies[dep]) dependencies.push([dep, '0.1.0']);
        pkg.dependencies = Object.fromEntries(dependencies.sort(([a], [b]) => a.localeCompare(b)));
        return `${JSON.stringify(pkg, null, 2)}\n`;
      },
    },
    {
      file: 'deploy/postgres/init.sql',
      render: () =>
        [
          '-- Runs once, on the first start of the docker compose postgres container (empty data volume),',
          '-- as POSTGRES_USER. One database per subgraph: each service owns its schema and migrates it at',
          '-- start-up (the services would also create a missing database themselves; doing it here keeps',
          '-- the stack\'s databases visible in one place).',
          `-- Generated ${GENERATED_BY}.`,
          ...subgraphs.map(({ name }) => `CREATE DATABASE ${quoteSqlIdentifier(databaseName(name))};`),
          '',
        ].join('\n'),
    },
    replacePart('docker-compose.yml', 'subgraphs', () => subgraphs.flatMap((subgraph, i) => [...(i ? [''] : []), ...composeService(subgraph)])),
    replacePart('docker-compose.yml', 'gateway-urls', () =>
      subgraphs.map(({ name, port }) => `${subgraphUrlVariable(name)}: http://${name}:${port}/graphql`),
    ),
    replacePart('docker-compose.yml', 'gateway-depends-on', () => subgraphs.map(({ name }) => `${name}: { condition: service_healthy }`)),
    replacePart('k8s/base/kustomization.yaml', 'subgraphs', () =>
      subgraphs.flatMap(({ name }) => ['deployment', 'service', 'hpa'].map((kind) => `- ${name}/${kind}.yaml`)),
    ),
    replacePart('k8s/base/gateway/deployment.yaml', 'gateway-urls', () =>
      subgraphs.flatMap(({ name, port }) => [`- name: ${subgraphUrlVariable(name)}`, `  value: http://${name}:${port}/graphql`]),
    ),
  ];
}

/** Writes every stale output, or with `check` only lists them; returns the stale files. */
export function syncSubgraphFiles(options: { root?: string; subgraphs?: readonly SubgraphEntry[]; check?: boolean } = {}): string[] {
  const root = options.root ?? path.resolve(__dirname, '..');
  const contents = new Map<string, string | null>();
  const read = (file: string) => {
    if (!contents.has(file)) {
      const full = path.join(root, file);
      contents.set(file, existsSync(full) ? readFileSync(full, 'utf8') : null);
    }
    return contents.get(file)!;
  };
  const original = new Map<string, string | null>();
  for (const output of subgraphOutputs(options.subgraphs ?? listedSubgraphs, root)) {
    const current = read(output.file);
    if (!original.has(output.file)) original.set(output.file, current);
    contents.set(output.file, output.render(current));
  }
  const stale = [...contents].filter(([file, text]) => original.get(file) !== text).map(([file]) => file);
  if (!options.check) for (const file of stale) writeFileSync(path.join(root, file), contents.get(file)!);
  return stale;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  try {
    const stale = syncSubgraphFiles({ check });
    if (check && stale.length) {
      console.error(`Stale: ${stale.join(', ')}. They follow scripts/subgraphs.ts: run \`npm run compose\` and commit the result.`);
      process.exit(1);
    }
    for (const file of stale) console.log(`wrote ${file}`);
    if (check) console.log('files naming every subgraph are up to date');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
