import { fields, parseInput, requireActor, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import type { PoolDropReason, PoolFlows } from '../../generated/graphql';
import { unitInReach } from './pool-policy.service';
import { shanghaiDayRange } from './pool.service';
import { poolPermissions } from './pool.permissions';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a Shanghai date, YYYY-MM-DD');
const flowsInput = z.object({ orgUnitId: fields.id('orgUnitId'), from: day, to: day });

/** FUN-4: records entering, claimed from and dropped to the pools under a unit, in a Shanghai date range. */
export async function poolFlows(em: EntityManager, actor: Actor | null, input: unknown): Promise<PoolFlows> {
  const reader = requireActor(actor);
  const data = parseInput(flowsInput, input);
  poolPermissions.require(reader, 'pool.read_flows');
  const path = await unitInReach(em, reader, data.orgUnitId);
  const { start, end } = shanghaiDayRange(data.from, data.to);
  const counts = (await em.getConnection().execute(
    `select kind, reason, count(*)::int as count from pool_movement
      where unit_path <@ ?::ltree and at >= ? and at < ? group by kind, reason`,
    [path, start, end],
  )) as { kind: string; reason: PoolDropReason | null; count: number }[];
  const total = (kind: string) => counts.filter((row) => row.kind === kind).reduce((sum, row) => sum + row.count, 0);
  const droppedByReason = counts.filter((row) => row.kind === 'DROPPED').map((row) => ({ reason: row.reason!, count: row.count }));
  return { orgUnitId: data.orgUnitId, from: data.from, to: data.to, entered: total('ENTERED'), claimed: total('CLAIMED'), dropped: total('DROPPED'), droppedByReason };
}
