import { findDivision } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { LeadStatus } from '../../generated/graphql';
import type { Lead } from '../lead';

/** Fewer past leads in a segment than this prove nothing. */
export const MIN_SAMPLE = 5;

const SEGMENTS = ['industry', 'source', 'region', 'companySize'] as const;
type Segment = (typeof SEGMENTS)[number];

/** A lead's value in each segment; region is the province (the division code's first two digits). */
const segmentValue: Record<Segment, (lead: Lead) => string | null> = {
  industry: (lead) => lead.industry,
  source: (lead) => lead.source,
  region: (lead) => lead.divisionCode?.slice(0, 2) ?? null,
  companySize: (lead) => lead.companySize,
};

const describe: Record<Segment, (value: string, n: number) => string> = {
  industry: (value, n) => `${n} ${value} leads`,
  source: (value, n) => `${n} ${value} leads`,
  region: (value, n) => `${n} leads in ${findDivision(`${value}0000`)?.name ?? value}`,
  companySize: (value, n) => `${n} ${value}-company leads`,
};

export interface Strength {
  userId: string;
  reason: string;
}

/**
 * Reps' proven strengths (FUN-6): per rep and segment value, the leads they were given to work
 * (VERIFIED or CONVERTED) and how many reached CONVERTED — one statement for the whole team.
 */
export async function strengthsOf(em: EntityManager, userIds: readonly string[]) {
  const rows = (await em.getConnection().execute(
    `select l.owner_id, s.segment, s.value, count(*)::int as owned, (count(*) filter (where l.status = ?))::int as converted
       from lead l, lateral (values ('industry', l.industry), ('source', l.source), ('region', left(l.division_code, 2)), ('companySize', l.company_size)) as s(segment, value)
      where l.owner_id in (?) and l.status in (?) and s.value is not null
      group by l.owner_id, s.segment, s.value`,
    [LeadStatus.Converted, [...userIds], [LeadStatus.Verified, LeadStatus.Converted]],
    'all',
    em.getTransactionContext(),
  )) as { owner_id: string; segment: Segment; value: string; owned: number; converted: number }[];
  const record = new Map(rows.map((row) => [`${row.owner_id}|${row.segment}|${row.value}`, row]));
  /** The rep with the best conversion rate in one of the lead's segments (a larger sample breaking a tie), or null without enough history. */
  return (lead: Lead): Strength | null => {
    let best: { userId: string; rate: number; owned: number; reason: string } | null = null;
    for (const userId of userIds) {
      for (const segment of SEGMENTS) {
        const value = segmentValue[segment](lead);
        const row = value === null ? undefined : record.get(`${userId}|${segment}|${value}`);
        if (!row || row.owned < MIN_SAMPLE) continue;
        const rate = row.converted / row.owned;
        if (best && (rate < best.rate || (rate === best.rate && row.owned <= best.owned))) continue;
        best = { userId, rate, owned: row.owned, reason: `conversion ${Math.round(rate * 100)} % on ${describe[segment](row.value, row.owned)}` };
      }
    }
    return best && { userId: best.userId, reason: best.reason };
  };
}
