import { newId, type LngLat } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/** A geo area drawn for an org unit (ORG-3); a point inside it belongs to the unit. */
export class TerritoryArea {
  [OptionalProps]?: 'id';
  id: string = newId();
  orgUnitId!: string;
  name!: string;
  /** Closed outline. */
  boundary!: LngLat[];
  /** Bounding box as PostgreSQL `box` text, kept for the GiST index. */
  bbox!: string;
  /** Size, so the smallest of competing areas can win. */
  areaM2!: number;
  /** From the writer's clock. */
  boundAt!: Date;
}

export const TerritoryAreaSchema = new EntitySchema<TerritoryArea>({
  class: TerritoryArea,
  tableName: 'territory_area',
  properties: {
    id: { type: 'uuid', primary: true },
    orgUnitId: { type: 'uuid' },
    name: { type: 'text' },
    boundary: { type: 'json' },
    bbox: { type: 'text', columnType: 'box' },
    areaM2: { type: 'double' },
    boundAt: { type: 'datetime' },
  },
});
