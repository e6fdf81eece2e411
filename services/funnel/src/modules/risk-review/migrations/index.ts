import { Migration20261207100000RiskReview } from './Migration20261207100000RiskReview';

/** Oldest first; a new migration is appended, never edited in. */
export const riskReviewMigrations = [{ name: 'Migration20261207100000RiskReview', class: Migration20261207100000RiskReview }];
