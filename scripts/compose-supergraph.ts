/**
 * Composes schema/*.graphql into schema/supergraph.graphql, the file the gateway loads.
 * `--check` fails when composition fails or the committed supergraph is stale (used by CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphs } from './subgraphs';

const schemaDir = path.resolve(__dirname, '../schema');
const supergraphPath = path.join(schemaDir, 'supergraph.graphql');

const result = composeServices(
  subgraphs.map(({ name, port }) => ({
    name,
    url: `http://localhost:${port}/graphql`,
    typeDefs: parse(readFileSync(path.join(schemaDir, `${name}.graphql`), 'utf8')),
  })),
);

if (result.errors) {
  console.error('Composition failed:');
  for (const error of result.errors) console.error(`  - ${error.message}`);
  process.exit(1);
}

const supergraph = result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
if (process.argv.includes('--check')) {
  const committed = readFileSync(supergraphPath, 'utf8');
  if (committed !== supergraph) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
    process.exit(1);
  }
  console.log('supergraph is up to date');
} else {
  writeFileSync(supergraphPath, supergraph);
  console.log(`wrote ${path.relative(process.cwd(), supergraphPath)}`);
}
