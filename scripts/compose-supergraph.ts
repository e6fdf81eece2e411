/**
 * Writes each subgraph's schema/<name>.graphql from its parts (see subgraph-sdl.ts), then composes
 * them into schema/supergraph.graphql, the file the gateway loads, and writes the clients' safelist
 * (schema/persisted-documents.json, see persisted-documents.ts). `--check` writes nothing and
 * fails when composition fails or a committed file is stale (used by CI).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { persistedDocumentsManifest } from './persisted-documents';
import { subgraphSdl } from './subgraph-sdl';
import { subgraphs } from './subgraphs';

const schemaDir = path.resolve(__dirname, '../schema');
const supergraphPath = path.join(schemaDir, 'supergraph.graphql');
const check = process.argv.includes('--check');

const stale: string[] = [];
/** Writes a generated file, or under --check only notes that the committed one differs. */
function emit(file: string, content: string): void {
  const committed = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (committed === content) return;
  if (check) stale.push(path.relative(process.cwd(), file));
  else {
    writeFileSync(file, content);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

const sdl = new Map(subgraphs.map(({ name }) => [name, subgraphSdl(name)]));
for (const [name, text] of sdl) emit(path.join(schemaDir, `${name}.graphql`), text);

const result = composeServices(
  subgraphs.map(({ name, port }) => ({
    name,
    url: `http://localhost:${port}/graphql`,
    typeDefs: parse(sdl.get(name)!),
  })),
);

if (result.errors) {
  console.error('Composition failed:');
  for (const error of result.errors) console.error(`  - ${error.message}`);
  process.exit(1);
}

const supergraph = result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
emit(supergraphPath, supergraph);
try {
  emit(path.join(schemaDir, 'persisted-documents.json'), persistedDocumentsManifest(path.join(schemaDir, 'operations'), result.schema.toAPISchema().toGraphQLJSSchema()));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (stale.length) {
  console.error(`Stale: ${stale.join(', ')}. Run \`npm run compose\` (and \`npm run codegen\`) and commit the result.`);
  process.exit(1);
}
if (check) console.log('subgraph schemas and supergraph are up to date');
