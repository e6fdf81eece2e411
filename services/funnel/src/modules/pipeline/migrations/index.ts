import { Migration20261201100000Pipeline } from './Migration20261201100000Pipeline';

/** Oldest first; a new migration is appended, never edited in. */
export const pipelineMigrations = [{ name: 'Migration20261201100000Pipeline', class: Migration20261201100000Pipeline }];
