import { EntitySchema } from '@mikro-orm/core';

/** An administrative division bound to the org unit that owns the work in it (ORG-3). */
export class TerritoryBinding {
  divisionCode!: string;
  orgUnitId!: string;
  /** From the writer's clock. */
  boundAt!: Date;
}

export const TerritoryBindingSchema = new EntitySchema<TerritoryBinding>({
  class: TerritoryBinding,
  tableName: 'territory_binding',
  properties: {
    divisionCode: { type: 'text', primary: true },
    orgUnitId: { type: 'uuid' },
    boundAt: { type: 'datetime' },
  },
});
