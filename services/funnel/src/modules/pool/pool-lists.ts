import { findPage, requireActor, type Actor, type Connection, type PageRequest } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import type { PoolRecordType } from '../../generated/graphql';
import { PoolEntry } from './pool.entity';

/** FUN-4: the public pool as the actor may claim from it: records whose territory their unit owns, or nobody's. */
export function listPublicPool(em: EntityManager, actor: Actor | null, recordType: PoolRecordType, page: PageRequest): Promise<Connection<PoolEntry>> {
  const { orgPath } = requireActor(actor);
  return findPage(em, PoolEntry, page, { sql: `state = 'PUBLIC' and record_type = ? and (territory_path is null or ?::ltree <@ territory_path)`, params: [recordType, orgPath] });
}

export function listMyPrivatePool(em: EntityManager, actor: Actor | null, page: PageRequest): Promise<Connection<PoolEntry>> {
  const { userId } = requireActor(actor);
  return findPage(em, PoolEntry, page, { sql: `state = 'PRIVATE' and owner_id = ?`, params: [userId] });
}
