import { Migration20261129100000DataQuality } from './Migration20261129100000DataQuality';

/** Oldest first; a new migration is appended, never edited in. */
export const dataQualityMigrations = [{ name: 'Migration20261129100000DataQuality', class: Migration20261129100000DataQuality }];
