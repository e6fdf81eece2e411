import { Migration20261125400000CustomerReplica } from './Migration20261125400000CustomerReplica';

/** Oldest first; a new migration is appended, never edited in. */
export const customerReplicaMigrations = [{ name: 'Migration20261125400000CustomerReplica', class: Migration20261125400000CustomerReplica }];
