import { Migration20261125110600SalesTeam } from './Migration20261125110600SalesTeam';
import { Migration20261208100000ProductLineRepView } from './Migration20261208100000ProductLineRepView';

/** Oldest first; a new migration is appended, never edited in. */
export const salesTeamMigrations = [
  { name: 'Migration20261125110600SalesTeam', class: Migration20261125110600SalesTeam },
  { name: 'Migration20261208100000ProductLineRepView', class: Migration20261208100000ProductLineRepView },
];
