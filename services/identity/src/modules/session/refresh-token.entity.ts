import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/** A long-lived, single-use credential for a new access token; only its hash is stored. */
export class RefreshToken {
  [OptionalProps]?: 'id' | 'revokedAt';
  id: string = newId();
  userId!: string;
  tokenHash!: string;
  expiresAt!: Date;
  revokedAt: Date | null = null;
  /** From the writer's clock. */
  createdAt!: Date;
}

export const RefreshTokenSchema = new EntitySchema<RefreshToken>({
  class: RefreshToken,
  tableName: 'refresh_token',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    tokenHash: { type: 'text' },
    expiresAt: { type: 'datetime' },
    revokedAt: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
