import { pgArray } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { ScoringFactor } from '../../generated/graphql';
import type { ScoredRecord } from './rescore';

/** A record's score as the API shows it. */
export interface Score {
  value: number;
  fit: number;
  intent: number;
  explanation: { label: string; factor: ScoringFactor; points: number }[];
  computedAt: Date;
}

interface ScoreRow {
  record_id: string;
  score: number;
  fit: number;
  intent: number;
  explanation: Score['explanation'];
  computed_at: Date | string;
}

/** Scores of a batch of records of one kind in one statement; null for one not scored yet. */
function scoreLoader(em: EntityManager, record: ScoredRecord) {
  return new DataLoader<string, Score | null>(async (ids) => {
    const rows = (await em
      .getConnection()
      .execute('select record_id, score, fit, intent, explanation, computed_at from record_score where record_type = ? and record_id = any(?::uuid[])', [
        record,
        pgArray([...ids]),
      ])) as ScoreRow[];
    const byId = new Map(rows.map((row) => [row.record_id, { value: row.score, fit: row.fit, intent: row.intent, explanation: row.explanation, computedAt: new Date(row.computed_at) }]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Scores are read through a lead or opportunity the actor already sees. */
export function createScoringLoaders(em: EntityManager) {
  return { leadScore: scoreLoader(em, 'LEAD'), opportunityScore: scoreLoader(em, 'OPPORTUNITY') };
}
