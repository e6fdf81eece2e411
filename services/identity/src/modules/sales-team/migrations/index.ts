import { Migration20261125110600SalesTeam } from './Migration20261125110600SalesTeam';

/** Oldest first; a new migration is appended, never edited in. */
export const salesTeamMigrations = [{ name: 'Migration20261125110600SalesTeam', class: Migration20261125110600SalesTeam }];
