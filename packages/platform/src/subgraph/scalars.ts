import { Kind, type DocumentNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { MoneyScalar } from '../money';

/**
 * Scalars a subgraph's SDL may declare: `DateTime` is an ISO-8601 instant, a Date in resolvers;
 * `Money` is a CNY decimal string such as "1234.50", a Money in resolvers.
 */
const scalarResolvers = { DateTime: DateTimeResolver, Money: MoneyScalar };

/** The scalar implementations for the scalars this SDL declares. */
export function scalarResolversFor(typeDefs: DocumentNode): Record<string, unknown> {
  const declared = new Set(typeDefs.definitions.flatMap((d) => (d.kind === Kind.SCALAR_TYPE_DEFINITION ? [d.name.value] : [])));
  return Object.fromEntries(Object.entries(scalarResolvers).filter(([name]) => declared.has(name)));
}
