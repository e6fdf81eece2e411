import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * Where a person sat in the org tree, and from when to when. A move closes one position and opens
 * another, so results earned before a move stay attributed to the unit they were earned in.
 */
export class Position {
  [OptionalProps]?: 'id' | 'validTo';
  id: string = newId();
  userId!: string;
  orgUnitId!: string;
  validFrom!: Date;
  validTo: Date | null = null;
}

export const PositionSchema = new EntitySchema<Position>({
  class: Position,
  tableName: 'user_position',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    orgUnitId: { type: 'uuid' },
    validFrom: { type: 'datetime' },
    validTo: { type: 'datetime', nullable: true },
  },
});
