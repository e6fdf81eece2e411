import { Migration20261125400100Complaint } from './Migration20261125400100Complaint';

/** Oldest first; a new migration is appended, never edited in. */
export const complaintMigrations = [{ name: 'Migration20261125400100Complaint', class: Migration20261125400100Complaint }];
