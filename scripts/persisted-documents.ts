/**
 * The safelist of a production gateway: every operation of the project's own clients
 * (schema/operations/*.graphql), checked against the supergraph's API and written as an Apollo
 * persisted-query manifest. Each document holds one operation and the fragments it uses; its id is
 * the SHA-256 of its text, the hash automatic persisted queries send.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, validate, visit, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

export interface PersistedDocument {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

/** The fragments an operation needs, followed through fragments that use others. */
function fragmentsUsedBy(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const follow = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          follow(fragment);
        }
      },
    });
  follow(operation);
  return [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}

function documentsOf(file: string, document: DocumentNode): PersistedDocument[] {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      if (!operation.name) throw new Error(`${file}: every client operation needs a name`);
      const body = print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsedBy(operation, fragments)] });
      return { id: createHash('sha256').update(body).digest('hex'), name: operation.name.value, type: operation.operation, body };
    });
}

/** The manifest's text; fails naming the file and the error when an operation does not fit the API. */
export function persistedDocumentsManifest(operationsDir: string, apiSchema: GraphQLSchema): string {
  const operations: PersistedDocument[] = [];
  for (const file of readdirSync(operationsDir).filter((f) => f.endsWith('.graphql')).sort()) {
    const document = parse(readFileSync(path.join(operationsDir, file), 'utf8'));
    const errors = validate(apiSchema, document);
    if (errors.length) throw new Error(`schema/operations/${file} does not fit the supergraph:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
    operations.push(...documentsOf(file, document));
  }
  const names = operations.map((o) => o.name);
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length) throw new Error(`client operations named twice: ${twice.join(', ')}`);
  return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
}
