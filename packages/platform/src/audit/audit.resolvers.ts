import { JSONResolver } from 'graphql-scalars';
import { NotFoundException } from '../errors';
import { parsePageArgs } from '../pagination';
import { parseId } from '../validation';
import type { RowCondition } from '../database';
import type { SubgraphContext } from '../subgraph/subgraph-definition';
import type { AuditEntry } from './audit-entry.entity';
import { auditTrailOf } from './audit-trail';

const userRef = (id: string | null) => (id ? { __typename: 'User', id } : null);

/** The resolvers of audit.graphql's types, merged into every subgraph. */
export const auditEntryResolvers = {
  JSON: JSONResolver,
  AuditEntry: {
    actor: (entry: AuditEntry) => userRef(entry.actorId),
    onBehalfOf: (entry: AuditEntry) => userRef(entry.onBehalfOf),
  },
};

interface AuditTrailArgs {
  id: string;
  first?: number | null;
  after?: string | null;
}

/**
 * The resolver of a `<subject>AuditTrail(id, first, after)` root field. `findVisible` loads the
 * subject as the actor may see it; a subject they cannot see is NOT_FOUND, exactly as one that does
 * not exist, so the trail never reveals what the record list hides. `absorbed` (see auditTrailOf)
 * adds the trails of subjects that became part of this one.
 */
export function auditTrailResolver<C extends SubgraphContext<unknown>>(
  subjectType: string,
  findVisible: (context: C, id: string) => Promise<unknown>,
  absorbed?: (id: string) => RowCondition,
) {
  return async (_root: unknown, args: AuditTrailArgs, context: C) => {
    const id = parseId(args.id);
    const page = parsePageArgs(args);
    if (!(await findVisible(context, id))) throw new NotFoundException(`No ${subjectType} ${id} that you can see.`);
    return auditTrailOf(context.em, subjectType, id, page, absorbed?.(id));
  };
}
