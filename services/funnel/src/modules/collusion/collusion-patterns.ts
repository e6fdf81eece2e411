import type { EntityManager } from '@mikro-orm/core';
import { CollusionKind, CollusionMove } from '../../generated/graphql';
import type { CollusionMovement } from './collusion.entity';
import type { CollusionThresholds } from './collusion-thresholds';

/** A movement that is evidence of a pattern. */
export interface EvidenceRow {
  id: string;
  kind: CollusionMove;
  record_id: string;
}

/** A claim of a record someone else held before: what every pattern starts from. */
export type HandedClaim = CollusionMovement & { formerOwnerId: string; droppedAt: Date };

export interface Pattern {
  kind: CollusionKind;
  /** The evidence when the claim completes the pattern, else none. */
  evidence(em: EntityManager, claim: HandedClaim, thresholds: CollusionThresholds): Promise<EvidenceRow[]>;
}

const rows = (em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<EvidenceRow[]>;

const MINUTE_MS = 60_000;
const windowStart = (claim: HandedClaim, thresholds: CollusionThresholds) => new Date(claim.occurredAt.getTime() - thresholds.windowDays * 1_440 * MINUTE_MS);

/** Evidence a manager already dismissed or acted on does not raise a flag of its kind again. */
const notSettled = (alias: string) => `not exists (
  select 1 from collusion_flag_movement fm join collusion_flag f on f.id = fm.flag_id
   where fm.movement_id = ${alias}.id and f.kind = ? and f.status <> 'OPEN')`;

/** A drops or releases, B claims within handoffMinutes: repeatCount times between them, either way round, within windowDays. */
const quickHandoff: Pattern = {
  kind: CollusionKind.QuickHandoff,
  async evidence(em, claim, thresholds) {
    if (claim.occurredAt.getTime() - claim.droppedAt.getTime() > thresholds.handoffMinutes * MINUTE_MS) return [];
    const [a, b] = [claim.personId, claim.formerOwnerId];
    const found = await rows(
      em,
      `with handoffs as (
         select c.* from collusion_movement c
          where c.kind = 'CLAIMED' and ((c.person_id = ? and c.former_owner_id = ?) or (c.person_id = ? and c.former_owner_id = ?))
            and c.occurred_at > ? and c.occurred_at <= ? and c.occurred_at <= c.dropped_at + make_interval(mins => ?)
            and ${notSettled('c')})
       select id, kind, record_id from handoffs
       union all
       select d.id, d.kind, d.record_id from collusion_movement d
         join handoffs c on d.kind = 'DROPPED' and d.record_id = c.record_id and d.person_id = c.former_owner_id and d.occurred_at = c.dropped_at`,
      [a, b, b, a, windowStart(claim, thresholds), claim.occurredAt, thresholds.handoffMinutes, CollusionKind.QuickHandoff],
    );
    return found.filter((row) => row.kind === CollusionMove.Claimed).length >= thresholds.repeatCount ? found : [];
  },
};

/** The record went from A to B and is back with A within windowDays: B's claim from A, then A's from B. */
const pingPong: Pattern = {
  kind: CollusionKind.PingPong,
  evidence: (em, claim, thresholds) =>
    rows(
      em,
      `with outbound as (
         select e.* from collusion_movement e
          where e.kind = 'CLAIMED' and e.record_id = ? and e.person_id = ? and e.former_owner_id = ?
            and e.dropped_at >= ? and e.occurred_at < ? and ${notSettled('e')}
          order by e.occurred_at desc limit 1)
       select m.id, m.kind, m.record_id from collusion_movement m join outbound e on m.record_id = e.record_id
        where m.occurred_at between e.dropped_at and ? and m.person_id in (?, ?)`,
      [claim.recordId, claim.formerOwnerId, claim.personId, windowStart(claim, thresholds), claim.occurredAt, CollusionKind.PingPong, claim.occurredAt, claim.personId, claim.formerOwnerId],
    ),
};

/**
 * Someone in the former owner's unit or sales team claims within protectionEndMinutes after the
 * former owner's protection ended: the record kept in the team past the drop.
 */
const teammateAtProtectionEnd: Pattern = {
  kind: CollusionKind.TeammateAtProtectionEnd,
  async evidence(em, claim, thresholds) {
    const drop = await rows(
      em,
      `select d.id, d.kind, d.record_id from collusion_movement d
        where d.kind = 'DROPPED' and d.record_id = ? and d.person_id = ? and d.occurred_at = ?
          and ?::timestamptz between d.protected_until and d.protected_until + make_interval(mins => ?)
          and (exists (select 1 from directory_user a join directory_user b on b.org_unit_id = a.org_unit_id where a.id = ? and b.id = ?)
            or exists (select 1 from directory_team_member a join directory_team_member b on b.team_id = a.team_id where a.user_id = ? and b.user_id = ?))`,
      [claim.recordId, claim.formerOwnerId, claim.droppedAt, claim.occurredAt, thresholds.protectionEndMinutes, claim.formerOwnerId, claim.personId, claim.formerOwnerId, claim.personId],
    );
    return drop.length ? [...drop, { id: claim.id, kind: claim.kind, record_id: claim.recordId }] : [];
  },
};

export const PATTERNS: readonly Pattern[] = [quickHandoff, pingPong, teammateAtProtectionEnd];
