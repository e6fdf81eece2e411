import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What a connection returns when `first` is left out or null (the subgraphs' default). */
export const DEFAULT_PAGE_SIZE = 20;
/** The length assumed for a list of objects that is not a page (e.g. a territory's overlaps). */
export const ASSUMED_LIST_LENGTH = 10;

/** The variables, coerced as execution will coerce them: their defaults filled in. */
export type CoercedVariables = Record<string, unknown>;

/**
 * The estimated cost of an operation: about how many objects it can make the graph return.
 *
 * - a scalar or enum field costs 0; a field returning one object costs 1 plus its selection;
 * - a connection with `first: n` costs 1 plus its selection, in which a list (`edges`) costs
 *   n × (1 + the cost of its selection) — n the literal, the variable's value or, left out, the
 *   schema's default (20); `pageInfo` counts once;
 * - any other list of objects is taken to hold ASSUMED_LIST_LENGTH of them;
 * - every alias counts on its own; what `@skip`/`@include` leaves out does not count, nor does
 *   introspection (`__schema`, `__type`), which the server's introspection switch governs.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: CoercedVariables,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const included = (node: FieldNode | FragmentSpreadNode | InlineFragmentNode): boolean => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };

  const pageSize = (field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    const argument = field.args.find((a) => a.name === 'first');
    if (!argument) return undefined;
    let value: unknown;
    try {
      value = getArgumentValues(field, node, variables).first;
    } catch {
      // A value execution will refuse anyway; count the argument's default.
      value = argument.defaultValue;
    }
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.ceil(value)) : DEFAULT_PAGE_SIZE;
  };

  // `page` is the size of the page the enclosing connection asked for: its lists (`edges`) hold that many.
  const selectionCost = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode, page: number | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(parent, selection, page);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += fragmentCost(parent, selection, page);
      } else {
        // A fragment can be spread many times, in fragments spread many times: count each once.
        const key = `${selection.name.value}:${parent.name}:${page ?? ''}`;
        let spread = spreadCosts.get(key);
        if (spread === undefined) {
          const fragment = fragments[selection.name.value];
          spread = fragment ? fragmentCost(parent, fragment, page) : 0;
          spreadCosts.set(key, spread);
        }
        cost += spread;
      }
    }
    return cost;
  };

  const spreadCosts = new Map<string, number>();
  const fragmentCost = (parent: GraphQLCompositeType, fragment: FragmentDefinitionNode | InlineFragmentNode, page: number | undefined): number => {
    const condition = fragment.typeCondition ? typeFromAST(schema, fragment.typeCondition) : parent;
    return selectionCost(isCompositeType(condition) ? condition : parent, fragment.selectionSet, page);
  };

  const fieldCost = (parent: GraphQLCompositeType, node: FieldNode, page: number | undefined): number => {
    if (node.name.value.startsWith('__')) return 0;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field || !node.selectionSet) return 0;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) return 0;
    const perItem = 1 + selectionCost(type, node.selectionSet, pageSize(field, node));
    return isListType(getNullableType(field.type)) ? (page ?? ASSUMED_LIST_LENGTH) * perItem : perItem;
  };

  return selectionCost(root, operation.selectionSet, undefined);
}
