import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { OrgUnitKind } from '../../generated/graphql';

export class OrgUnit {
  [OptionalProps]?: 'id' | 'closedAt';
  id: string = newId();
  name!: string;
  kind!: OrgUnitKind;
  /** This unit's label in paths: lower-case letters, digits and underscores. */
  code!: string;
  /** Materialised path (ltree), root first (`hq.east.shanghai`): "everything under X" is `path <@ X`. */
  path!: string;
  parentId!: string | null;
  closedAt: Date | null = null;
}

export const OrgUnitSchema = new EntitySchema<OrgUnit>({
  class: OrgUnit,
  tableName: 'org_unit',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    kind: { type: 'string' },
    code: { type: 'text' },
    path: { type: 'string', columnType: 'ltree' },
    parentId: { type: 'uuid', nullable: true },
    closedAt: { type: 'datetime', nullable: true },
  },
});
