import type { RankBy } from '@crm/platform';
import type { ScoredRecord } from './rescore';

/** Orders a list of leads or opportunities by score (findPage's rankBy), unscored ones last. */
export const scoreRank = (record: ScoredRecord): RankBy => ({
  table: 'record_score',
  idColumn: 'record_id',
  rankColumn: 'score',
  where: { sql: 'record_type = ?', params: [record] },
});
