import { newId, type Role } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { EmploymentStatus } from '../../generated/graphql';

export class User {
  [OptionalProps]?: 'id' | 'active' | 'employmentStatus' | 'supports';
  id: string = newId();
  email!: string;
  displayName!: string;
  /** argon2id hash; never leaves this subgraph. */
  passwordHash!: string;
  orgUnitId!: string;
  roles!: Role[];
  /** False exactly when employmentStatus is LEFT (a database check keeps them together). */
  active = true;
  employmentStatus: EmploymentStatus = 'REGULAR';
  /** For assistants: the reps they support and may act for (ORG-6). */
  supports: string[] = [];
  /** From the writer's clock. */
  createdAt!: Date;
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
    employmentStatus: { type: 'text' },
    supports: { type: 'array', columnType: 'uuid[]' },
    createdAt: { type: 'datetime' },
  },
});
