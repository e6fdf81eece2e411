import { Migration20261125234000DuplicateReview } from './Migration20261125234000DuplicateReview';

/** Oldest first; a new migration is appended, never edited in. */
export const duplicateReviewMigrations = [{ name: 'Migration20261125234000DuplicateReview', class: Migration20261125234000DuplicateReview }];
