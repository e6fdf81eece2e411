import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/** Time a person is away; their work routes to someone else meanwhile (ORG-5). */
export class LeavePeriod {
  [OptionalProps]?: 'id';
  id: string = newId();
  userId!: string;
  startsAt!: Date;
  endsAt!: Date;
}

export const LeavePeriodSchema = new EntitySchema<LeavePeriod>({
  class: LeavePeriod,
  tableName: 'leave_period',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    startsAt: { type: 'datetime' },
    endsAt: { type: 'datetime' },
  },
});
