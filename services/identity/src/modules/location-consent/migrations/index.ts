import { Migration20261125110400LocationConsent } from './Migration20261125110400LocationConsent';

/** Oldest first; a new migration is appended, never edited in. */
export const locationConsentMigrations = [{ name: 'Migration20261125110400LocationConsent', class: Migration20261125110400LocationConsent }];
