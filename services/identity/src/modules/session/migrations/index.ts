import { Migration20261125110300Session } from './Migration20261125110300Session';
import { Migration20261125174900SignInThrottle } from './Migration20261125174900SignInThrottle';

/** Oldest first; a new migration is appended, never edited in. */
export const sessionMigrations = [
  { name: 'Migration20261125110300Session', class: Migration20261125110300Session },
  { name: 'Migration20261125174900SignInThrottle', class: Migration20261125174900SignInThrottle },
];
