import type { RowCondition } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { effectivePolicies } from './pool-policy';

/**
 * The one rule of when a private entry drops (FUN-4): the earliest of no follow-up for N days, no
 * stage move for M days and no deal K days after it entered the private pool, by its owner's unit
 * policy; the reminder goes `reminderDays` before. Customers drop only where their policy enables it,
 * and only for want of follow-up: stages and deals are opportunities'.
 * Recomputed set-based for every private entry matching `where` (columns of pool_entry as `e`).
 */
export async function refreshDropDates(em: EntityManager, where: RowCondition): Promise<void> {
  const context = em.getTransactionContext();
  const units = (await em.getConnection().execute(
    `select distinct d.org_unit_id from pool_entry e join directory_user d on d.id = e.owner_id where e.state = 'PRIVATE' and (${where.sql})`,
    where.params,
    'all',
    context,
  )) as { org_unit_id: string }[];
  if (!units.length) return;
  const policies = await effectivePolicies(em, units.map((unit) => unit.org_unit_id));
  const values = [...policies].map(([unitId, p]) => [unitId, p.noFollowUpDays, p.noStageMoveDays, p.noDealDays, p.reminderDays, p.protectionDays, p.customersEnabled]);
  await em.getConnection().execute(
    `with p (unit_id, n, m, k, reminder, protection, customers) as (
       values ${values.map(() => '(?::uuid, ?::int, ?::int, ?::int, ?::int, ?::int, ?::boolean)').join(', ')}),
     c as (
       select e.id, p.reminder, p.protection, r.f, r.s, r.k,
              case when e.record_type = 'OPPORTUNITY' then least(r.f, r.s, r.k) when p.customers then r.f end as due
         from pool_entry e
         join directory_user d on d.id = e.owner_id
         join p on p.unit_id = d.org_unit_id
         cross join lateral (select e.last_follow_up_at + make_interval(days => p.n) as f,
                                    e.last_stage_move_at + make_interval(days => p.m) as s,
                                    e.entered_private_at + make_interval(days => p.k) as k) r
        where e.state = 'PRIVATE' and (${where.sql}))
     update pool_entry e
        set drops_at = c.due,
            drop_reason = case c.due when c.f then 'NO_FOLLOW_UP' when c.s then 'NO_STAGE_MOVE' when c.k then 'NO_DEAL' end,
            warn_at = c.due - make_interval(days => c.reminder),
            protection_days = c.protection
       from c where e.id = c.id`,
    [...values.flat(), ...where.params],
    'run',
    context,
  );
}
