import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export type Role = 'ADMIN' | 'MANAGER' | 'TEAM_LEAD' | 'REP' | 'ASSISTANT';

export class User {
  [OptionalProps]?: 'id' | 'active' | 'supports' | 'createdAt';
  id: string = newId();
  email!: string;
  displayName!: string;
  /** argon2id hash; never leaves this subgraph. */
  passwordHash!: string;
  orgUnitId!: string;
  roles!: Role[];
  active = true;
  /** For assistants: the reps they support and may act for (ORG-6). */
  supports: string[] = [];
  createdAt: Date = new Date();
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'app_user',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string' },
    displayName: { type: 'string' },
    passwordHash: { type: 'text', lazy: true },
    orgUnitId: { type: 'uuid' },
    roles: { type: 'array' },
    active: { type: 'boolean' },
    supports: { type: 'array', columnType: 'uuid[]' },
    createdAt: { type: 'datetime' },
  },
});
