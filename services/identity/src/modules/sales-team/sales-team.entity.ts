import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/** Several reps sharing customers under a leader (ORG-4). */
export class SalesTeam {
  [OptionalProps]?: 'id';
  id: string = newId();
  name!: string;
  leaderId!: string;
  /** From the writer's clock. */
  createdAt!: Date;
}

export class SalesTeamMember {
  teamId!: string;
  userId!: string;
}

/** Which member sells a product line for the team; the leader sets and overrides it. */
export class ProductLineRep {
  teamId!: string;
  productLine!: string;
  userId!: string;
}

export const SalesTeamSchema = new EntitySchema<SalesTeam>({
  class: SalesTeam,
  tableName: 'sales_team',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    leaderId: { type: 'uuid' },
    createdAt: { type: 'datetime' },
  },
});

export const SalesTeamMemberSchema = new EntitySchema<SalesTeamMember>({
  class: SalesTeamMember,
  tableName: 'sales_team_member',
  properties: {
    teamId: { type: 'uuid', primary: true },
    userId: { type: 'uuid', primary: true },
  },
});

export const ProductLineRepSchema = new EntitySchema<ProductLineRep>({
  class: ProductLineRep,
  tableName: 'product_line_rep',
  properties: {
    teamId: { type: 'uuid', primary: true },
    productLine: { type: 'string', primary: true },
    userId: { type: 'uuid' },
  },
});
