/**
 * `npm run new:subgraph -- <name> [<module>] [--port <port>] [--skip-install]`
 *
 * Adds a working subgraph in the module shape, extending identity's `User` and customers'
 * `Customer`: `services/<name>/` from `scripts/templates/subgraph/` with one module `<module>`
 * (default: the subgraph's name) — an entity owned by a person and kept per customer, a migration,
 * `Query.<module>`/`<modules>` (a page), `create<Module>`/`rename<Module>`, `Customer.<modules>`
 * (a page per customer, batched), typed permissions, and a test — then registers it everywhere:
 * `scripts/subgraphs.ts` (next free port), `k8s/base/<name>/` from `scripts/templates/k8s/`, the
 * production overlay's image and replicas, and through `npm run compose` the local stack, init.sql,
 * docker-compose.yml, the k8s base's resources and gateway URLs and `schema/`. Finally it links the
 * workspace (`npm install`, which also records it in package-lock.json; `--skip-install` leaves that
 * out) and generates the resolver types.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { subgraphs } from './subgraphs';

const root = path.resolve(__dirname, '..');
const templates = path.join(__dirname, 'templates');

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Names taken by the system's other parts (compose services, workspaces, k8s workloads). */
const RESERVED_SUBGRAPHS = ['gateway', 'postgres', 'kafka', 'platform', 'events', 'testing', 'local-stack', 'demo-data', 'crm'];
/** Type names every subgraph's SDL already has. */
const RESERVED_MODULES = ['customer', 'user', 'page-info', 'job', 'job-state', 'audit-entry', 'query', 'mutation', 'subscription'];

const words = (kebab: string) => kebab.split('-');
const pascal = (kebab: string) => words(kebab).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const camel = (kebab: string) => pascal(kebab)[0]!.toLowerCase() + pascal(kebab).slice(1);
/** English plural of the last word, good enough for names: campaign → campaigns, survey → surveys, policy → policies. */
function plural(kebab: string): string {
  if (/[^aeiou]y$/.test(kebab)) return `${kebab.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(kebab)) return `${kebab}es`;
  return `${kebab}s`;
}

export interface NewSubgraphOptions {
  name: string;
  module?: string;
  port?: number;
  skipInstall?: boolean;
  /** Stamps the migration's name; tests pass a fixed one. */
  now?: Date;
}

/** What is wrong with the request, if anything: every problem at once. */
export function problemsWith(options: NewSubgraphOptions): string[] {
  const { name, module = name, port } = options;
  const problems: string[] = [];
  if (!KEBAB.test(name)) problems.push(`name "${name}": use lower-case kebab (letters, digits, single dashes), starting with a letter, e.g. "marketing" or "field-service"`);
  if (name.length > 40) problems.push(`name "${name}": at most 40 characters (it becomes database, topic and Kubernetes names)`);
  if (RESERVED_SUBGRAPHS.includes(name)) problems.push(`name "${name}" is taken by another part of the system`);
  if (subgraphs.some((s) => s.name === name)) problems.push(`name "${name}": there is already such a subgraph in scripts/subgraphs.ts`);
  for (const dir of [`services/${name}`, `packages/${name}`, `k8s/base/${name}`]) {
    if (existsSync(path.join(root, dir))) problems.push(`name "${name}": ${dir} already exists`);
  }
  if (!KEBAB.test(module)) problems.push(`module "${module}": use lower-case kebab, singular, e.g. "campaign"`);
  if (RESERVED_MODULES.includes(module)) problems.push(`module "${module}": every subgraph already has a type ${pascal(module)}; pick another name`);
  if (port !== undefined) {
    if (!Number.isInteger(port) || port < 1024 || port > 65535) problems.push(`port ${port}: pick a port from 1024 to 65535`);
    const taken = subgraphs.find((s) => s.port === port);
    if (taken) problems.push(`port ${port} is ${taken.name}'s`);
  }
  return problems;
}

const timestamp = (at: Date) => at.toISOString().replace(/\D/g, '').slice(0, 14);

/** The placeholders of `scripts/templates/`, each `__name__`, replaced in paths and contents. */
function placeholders(options: Required<Omit<NewSubgraphOptions, 'skipInstall'>>): Record<string, string> {
  const { name, module, port, now } = options;
  const modules = plural(module);
  return {
    __subgraph__: name,
    __subgraphCamel__: camel(name),
    __module__: module,
    __moduleCamel__: camel(module),
    __Module__: pascal(module),
    __modulesCamel__: camel(modules),
    __Modules__: pascal(modules),
    __module_snake__: module.replaceAll('-', '_'),
    __MODULE_SNAKE__: module.replaceAll('-', '_').toUpperCase(),
    __moduleWords__: words(module).join(' '),
    __modulesWords__: words(modules).join(' '),
    __timestamp__: timestamp(now),
    __port__: String(port),
  };
}

function fill(text: string, values: Record<string, string>): string {
  const pattern = new RegExp(Object.keys(values).sort((a, b) => b.length - a.length).join('|'), 'g');
  return text.replace(pattern, (token) => values[token]!);
}

/** Copies a template folder, filling placeholders in paths and contents and dropping `.tmpl`. */
function copyTemplate(from: string, to: string, values: Record<string, string>, written: string[]): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, fill(entry.name, values).replace(/\.tmpl$/, ''));
    if (entry.isDirectory()) {
      copyTemplate(source, target, values, written);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, fill(readFileSync(source, 'utf8'), values), { flag: 'wx' });
      written.push(path.relative(root, target));
    }
  }
}

/** Appends the subgraph to the one list, keeping the file's layout. */
function addToList(name: string, port: number): void {
  const file = path.join(root, 'scripts/subgraphs.ts');
  const text = readFileSync(file, 'utf8');
  const list = /(export const subgraphs\b[^\n]*\[\n[\s\S]*?)(\n\];)/.exec(text);
  if (!list) throw new Error('scripts/subgraphs.ts: cannot find `export const subgraphs = [ … ];`');
  const entry = `\n  { name: '${name}', port: ${port} },`;
  writeFileSync(file, text.slice(0, list.index) + list[1] + entry + list[2] + text.slice(list.index + list[0].length));
}

/** The production overlay deploys a released image (same registry and tag as the gateway) and starts with 2 replicas. */
function addToProductionOverlay(name: string): void {
  const file = path.join(root, 'k8s/overlays/production/kustomization.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const images = doc.get('images') as YAMLSeq<YAMLMap>;
  const gateway = images.items.find((item) => item.get('name') === 'crm/gateway');
  const newName = String(gateway?.get('newName') ?? 'registry.example.com/crm/gateway').replace(/gateway$/, name);
  const image = doc.createNode({ name: `crm/${name}`, newName, newTag: String(gateway?.get('newTag') ?? '0.1.0') });
  (image.get('newTag', true) as { type?: string }).type = 'QUOTE_DOUBLE';
  // Before the gateway's, which stays last.
  images.items.splice(gateway ? images.items.indexOf(gateway) : images.items.length, 0, image);
  (doc.get('replicas') as YAMLSeq | undefined)?.add(doc.createNode({ name, count: 2 }));
  writeFileSync(file, doc.toString());
}

/** Runs a tool of this checkout's node_modules with this Node, in `cwd`. */
function run(cwd: string, script: string, args: string[]): void {
  execFileSync(process.execPath, [script, ...args], { cwd, stdio: 'inherit' });
}
const tsx = () => require.resolve('tsx/cli', { paths: [root] });
const codegen = () => path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json', { paths: [root] })), 'cjs/bin.js');

export function newSubgraph(options: NewSubgraphOptions): string[] {
  const problems = problemsWith(options);
  if (problems.length) throw new Error(`Cannot add the subgraph:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const name = options.name;
  const port = options.port ?? Math.max(...subgraphs.map((s) => s.port)) + 1;
  const values = placeholders({ name, module: options.module ?? name, port, now: options.now ?? new Date() });

  const written: string[] = [];
  copyTemplate(path.join(templates, 'subgraph'), path.join(root, 'services', name), values, written);
  copyTemplate(path.join(templates, 'k8s'), path.join(root, 'k8s/base', name), values, written);
  addToList(name, port);
  addToProductionOverlay(name);
  written.push('scripts/subgraphs.ts', 'k8s/overlays/production/kustomization.yaml');

  // The list changed under this process: the scripts that read it run afresh.
  run(root, tsx(), ['scripts/subgraph-files.ts']);
  run(root, tsx(), ['scripts/compose-supergraph.ts']);
  if (!options.skipInstall) execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  run(path.join(root, 'services', name), codegen(), ['--config', 'codegen.ts']);
  return written;
}

function parseArgs(argv: string[]): NewSubgraphOptions {
  const positional: string[] = [];
  const options: Partial<NewSubgraphOptions> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--skip-install') options.skipInstall = true;
    else if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg.startsWith('--port=')) options.port = Number(arg.slice('--port='.length));
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [name, module, ...rest] = positional;
  if (!name || rest.length) throw new Error('usage: npm run new:subgraph -- <name> [<module>] [--port <port>] [--skip-install]');
  return { ...options, name, module };
}

if (require.main === module) {
  try {
    const options = parseArgs(process.argv.slice(2));
    newSubgraph(options);
    const { name } = options;
    console.log(`
Added subgraph ${name}: services/${name}/ (module ${options.module ?? name}), k8s/base/${name}/, and its line in
scripts/subgraphs.ts, from which \`npm run compose\` wrote schema/, the local stack, docker-compose.yml,
deploy/postgres/init.sql and the k8s base. Next:
  - say what it owns in services/${name}/src/subgraph.graphql, and shape the module (README: "Adding a module");
  - npx jest --selectProjects ${name}     # its own test, with identity
  - ./crm start                           # the whole system with it, behind the gateway
Commit services/${name}/ (with src/generated/), k8s/, schema/, scripts/subgraphs.ts and the files compose wrote.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
