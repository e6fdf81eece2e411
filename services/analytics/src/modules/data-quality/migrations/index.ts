import { Migration20261129200000RepDataQuality } from './Migration20261129200000RepDataQuality';

/** Oldest first; a new migration is appended, never edited in. */
export const dataQualityMigrations = [{ name: 'Migration20261129200000RepDataQuality', class: Migration20261129200000RepDataQuality }];
