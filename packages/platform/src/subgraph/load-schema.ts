import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';
import type { SubgraphName } from './subgraph-definition';

/** The SDL files in `schema/` are the source of truth; services read them, never copy them. */
export const schemaDir = process.env.SCHEMA_DIR ?? path.resolve(__dirname, '../../../../schema');

export function loadSubgraphSchema(name: SubgraphName): DocumentNode {
  return gql(readFileSync(path.join(schemaDir, `${name}.graphql`), 'utf8'));
}
