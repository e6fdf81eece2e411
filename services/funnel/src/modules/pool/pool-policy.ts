import type { EntityManager } from '@mikro-orm/core';
import type { PoolPolicy } from '../../generated/graphql';

/** The rules where no unit up the tree sets them (FUN-4, seed 003: 10 days without a visit, 2 days' warning, 7 days' protection). */
export const DEFAULT_POOL_POLICY: Required<Omit<PoolPolicy, 'orgUnitId' | '__typename'>> = {
  noFollowUpDays: 10,
  noStageMoveDays: null,
  noDealDays: null,
  reminderDays: 2,
  protectionDays: 7,
  capacity: 50,
  dailyClaimLimit: 10,
  customersEnabled: false,
};

type PolicyField = keyof typeof DEFAULT_POOL_POLICY;
const POLICY_FIELDS = Object.keys(DEFAULT_POOL_POLICY) as PolicyField[];
const COLUMNS: Record<PolicyField, string> = {
  noFollowUpDays: 'no_follow_up_days',
  noStageMoveDays: 'no_stage_move_days',
  noDealDays: 'no_deal_days',
  reminderDays: 'reminder_days',
  protectionDays: 'protection_days',
  capacity: 'capacity',
  dailyClaimLimit: 'daily_claim_limit',
  customersEnabled: 'customers_enabled',
};

export type EffectivePolicy = typeof DEFAULT_POOL_POLICY;

const rows = async <T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> =>
  (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];

/**
 * The policy in force for each unit (by id): field by field, the nearest unit up the tree that
 * sets it, else the default. One statement for all the units asked about.
 */
export async function effectivePolicies(em: EntityManager, unitIds: readonly string[]): Promise<Map<string, EffectivePolicy>> {
  if (!unitIds.length) return new Map();
  const found = await rows<Record<string, unknown> & { unit_id: string }>(
    em,
    `select u.id as unit_id, ${POLICY_FIELDS.map((field) => `p.${COLUMNS[field]}`).join(', ')}
       from directory_org_unit u
       join directory_org_unit a on a.path @> u.path
       join pool_policy p on p.org_unit_id = a.id
      where u.id in (?)
      order by nlevel(a.path) desc`,
    [[...new Set(unitIds)]],
  );
  const policies = new Map(unitIds.map((id) => [id, {} as Partial<EffectivePolicy>]));
  for (const row of found) {
    const policy = policies.get(row.unit_id)!;
    for (const field of POLICY_FIELDS) {
      const value = row[COLUMNS[field]];
      if (policy[field] === undefined && value !== null) Object.assign(policy, { [field]: value });
    }
  }
  return new Map([...policies].map(([id, set]) => [id, { ...DEFAULT_POOL_POLICY, ...set }]));
}

export async function effectivePolicy(em: EntityManager, unitId: string): Promise<EffectivePolicy> {
  return (await effectivePolicies(em, [unitId])).get(unitId)!;
}

export const policyColumnOf = (field: PolicyField): string => COLUMNS[field];
export { POLICY_FIELDS, type PolicyField };

/**
 * FUN-4: for each rep, how many private records they may hold (their own capacity, else their
 * unit's) and how many they hold. Assignment skips reps at capacity. Unknown ids are left out.
 */
export async function poolLoadOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, { capacity: number; held: number }>> {
  if (!userIds.length) return new Map();
  const reps = await rows<{ id: string; org_unit_id: string; own_capacity: number | null; held: string }>(
    em,
    `select d.id, d.org_unit_id, r.capacity as own_capacity,
            (select count(*) from pool_entry e where e.owner_id = d.id and e.state = 'PRIVATE') as held
       from directory_user d left join pool_rep_capacity r on r.user_id = d.id
      where d.id in (?)`,
    [[...new Set(userIds)]],
  );
  const policies = await effectivePolicies(em, reps.map((rep) => rep.org_unit_id));
  return new Map(reps.map((rep) => [rep.id, { capacity: rep.own_capacity ?? policies.get(rep.org_unit_id)!.capacity, held: Number(rep.held) }]));
}

/**
 * Whether customers nobody follows drop to the public pool for this rep's records: the nearest unit
 * up their tree that says so, else off (the default). One statement, cheap when no unit set it.
 */
export async function customersEnabledFor(em: EntityManager, userId: string): Promise<boolean> {
  const [row] = await rows<{ customers_enabled: boolean }>(
    em,
    `select p.customers_enabled from directory_user u
       join directory_org_unit a on a.path @> u.org_path
       join pool_policy p on p.org_unit_id = a.id and p.customers_enabled is not null
      where u.id = ? order by nlevel(a.path) desc limit 1`,
    [userId],
  );
  return row?.customers_enabled ?? DEFAULT_POOL_POLICY.customersEnabled;
}
