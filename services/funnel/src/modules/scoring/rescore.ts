import { pgArray } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { lookBackDays, scoreOf, DAY_MS, type ComputedScore, type ScoreFacts } from './score-rules';
import { ScoringRule } from './scoring.entity';

export type ScoredRecord = 'LEAD' | 'OPPORTUNITY';

/** Which records to rescore: these, and every one of these customers. */
export interface Affected {
  ids?: readonly string[];
  customerIds?: readonly string[];
}

/** Each kind's records, and the lead its fit is read from: a lead's own, an opportunity's source lead. */
const TARGETS: Record<ScoredRecord, string> = {
  LEAD: 'select id, id as fit_lead_id, customer_id from lead where id = any(?::uuid[]) or customer_id = any(?::uuid[])',
  OPPORTUNITY: 'select id, source_lead_id as fit_lead_id, customer_id from opportunity where id = any(?::uuid[]) or customer_id = any(?::uuid[])',
};

const epochMs = (column: string) => `extract(epoch from ${column})::float8 * 1000`;
const interactionTimes = (kindCondition: string) =>
  `array(select ${epochMs('i.occurred_at')} from scoring_interaction i where i.customer_id = t.customer_id and i.${kindCondition} and i.occurred_at > ?)`;

/** All the facts of a set of records in one statement: fields, latest inquiry, activity since `since`. */
const FACTS = (record: ScoredRecord) => `with t as (${TARGETS[record]})
  select t.id, f.industry, f.company_size, f.division_code, f.source,
    ${epochMs('greatest(f.created_at, (select max(x.created_at) from lead x where x.customer_id = t.customer_id))')} as inquiry_at,
    ${interactionTimes("kind <> 'VISIT'")} as interactions,
    ${interactionTimes("kind = 'VISIT'")} as visits,
    array(select ${epochMs('m.moved_at')} from opportunity_stage_change m
           where m.opportunity_id = t.id and m.from_stage_id is not null and m.moved_at > ?) as stage_moves
  from t left join lead f on f.id = t.fit_lead_id`;

interface FactsRow {
  id: string;
  industry: string | null;
  company_size: string | null;
  division_code: string | null;
  source: string | null;
  inquiry_at: number | null;
  interactions: number[];
  visits: number[];
  stage_moves: number[];
}

const toFacts = (row: FactsRow): ScoreFacts => ({
  id: row.id,
  industry: row.industry,
  companySize: row.company_size,
  divisionCode: row.division_code,
  source: row.source,
  inquiryAt: row.inquiry_at === null ? null : Number(row.inquiry_at),
  interactions: row.interactions.map(Number),
  visits: row.visits.map(Number),
  stageMoves: row.stage_moves.map(Number),
});

const execute = <T>(em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;

async function saveScores(em: EntityManager, record: ScoredRecord, scores: readonly ComputedScore[], now: Date): Promise<void> {
  if (!scores.length) return;
  const rows = scores.map(({ recordId, value, fit, intent, explanation }) => ({ record_id: recordId, score: value, fit, intent, explanation }));
  await execute(
    em,
    `insert into record_score (record_type, record_id, score, fit, intent, explanation, computed_at)
     select ?, s.record_id, s.score, s.fit, s.intent, s.explanation, ?
       from jsonb_to_recordset(?::jsonb) as s(record_id uuid, score int, fit int, intent int, explanation jsonb)
     on conflict (record_type, record_id) do update
       set score = excluded.score, fit = excluded.fit, intent = excluded.intent, explanation = excluded.explanation, computed_at = excluded.computed_at`,
    [record, now, JSON.stringify(rows)],
  );
}

/**
 * Scores the affected records of one kind as of `now`, set-based: one statement reads their facts,
 * one writes their scores. Recomputing from the facts makes a repeat harmless.
 */
export async function rescore(em: EntityManager, record: ScoredRecord, affected: Affected, now: Date): Promise<void> {
  const ids = [...new Set(affected.ids ?? [])];
  const customerIds = [...new Set(affected.customerIds ?? [])];
  if (!ids.length && !customerIds.length) return;
  const rules = await em.find(ScoringRule, {}, { orderBy: { id: 'asc' } });
  const since = new Date(now.getTime() - lookBackDays(rules) * DAY_MS);
  const rows = await execute<FactsRow>(em, FACTS(record), [pgArray(ids), pgArray(customerIds), since, since, since]);
  await saveScores(
    em,
    record,
    rows.map((row) => scoreOf(rules, toFacts(row), now.getTime())),
    now,
  );
}

/** Both kinds of record of these customers, and these leads. */
export async function rescoreCustomers(em: EntityManager, customerIds: readonly string[], now: Date, leadIds: readonly string[] = []): Promise<void> {
  await rescore(em, 'LEAD', { ids: leadIds, customerIds }, now);
  await rescore(em, 'OPPORTUNITY', { customerIds }, now);
}

const CHUNK = 2_000;

/** Every lead and opportunity, a chunk at a time (rules changed, or a day passed and recency decays). */
export async function rescoreAll(em: EntityManager, now: Date): Promise<void> {
  for (const [record, table] of [['LEAD', 'lead'], ['OPPORTUNITY', 'opportunity']] as const) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = (await execute<{ id: string }>(em, `select id from "${table}" where id > ? order by id limit ?`, [after, CHUNK])).map((row) => row.id);
      await rescore(em, record, { ids }, now);
      if (ids.length < CHUNK) break;
      after = ids.at(-1)!;
    }
  }
}
