import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export type OrgUnitKind = 'HQ' | 'REGION' | 'CITY' | 'TEAM';

export class OrgUnit {
  [OptionalProps]?: 'id';
  id: string = newId();
  name!: string;
  kind!: OrgUnitKind;
  /** Materialised path, root first (`hq.east.shanghai`): "everything under X" is a prefix match. */
  path!: string;
  parentId!: string | null;
}

export const OrgUnitSchema = new EntitySchema<OrgUnit>({
  class: OrgUnit,
  tableName: 'org_unit',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    kind: { type: 'string' },
    path: { type: 'text' },
    parentId: { type: 'uuid', nullable: true },
  },
});
