import { EntitySchema } from '@mikro-orm/core';

/** A subgraph's replica of identity's people (see directoryConsumer). */
export class DirectoryUser {
  id!: string;
  displayName!: string;
  orgUnitId!: string;
  orgPath!: string;
  active!: boolean;
}

export const DirectoryUserSchema = new EntitySchema<DirectoryUser>({
  class: DirectoryUser,
  tableName: 'directory_user',
  properties: {
    id: { type: 'uuid', primary: true },
    displayName: { type: 'string' },
    orgUnitId: { type: 'uuid' },
    orgPath: { type: 'string', columnType: 'ltree' },
    active: { type: 'boolean' },
  },
});
