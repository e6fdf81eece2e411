export { scoringModule } from './scoring.module';
export { createScoringLoaders } from './scoring.loaders';
export { ScoringRule } from './scoring.entity';
export { scoreRank } from './score-rank';
