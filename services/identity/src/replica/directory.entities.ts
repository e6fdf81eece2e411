import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '@crm/platform';

/** A subgraph's replica of identity's people (see directoryConsumer). */
export class DirectoryUser {
  id!: string;
  displayName!: string;
  orgUnitId!: string;
  /** The path of the person's unit, kept in step with directory_org_unit. */
  orgPath!: string;
  active!: boolean;
  roles!: Role[];
  /** For assistants: the reps they support (ORG-6). */
  supports!: string[];
}

export class DirectoryOrgUnit {
  id!: string;
  path!: string;
}

export class DirectorySalesTeam {
  id!: string;
  leaderId!: string;
}

export class DirectoryTeamMember {
  teamId!: string;
  userId!: string;
}

/** Who sells a product line for a team (ORG-4); a line without a row is the leader's. */
export class DirectoryProductLineRep {
  teamId!: string;
  productLine!: string;
  userId!: string;
}

export class DirectoryTerritoryBinding {
  divisionCode!: string;
  orgUnitId!: string;
}

/** Same columns as identity's territory_area, so one territory lookup serves both. */
export class DirectoryTerritoryArea {
  id!: string;
  orgUnitId!: string;
  boundary!: [number, number][];
  bbox!: string;
  areaM2!: number;
}

export class DirectoryLeave {
  id!: string;
  userId!: string;
  startsAt!: Date;
  endsAt!: Date;
}

export const DirectoryUserSchema = new EntitySchema<DirectoryUser>({
  class: DirectoryUser,
  tableName: 'directory_user',
  properties: {
    id: { type: 'uuid', primary: true },
    displayName: { type: 'string' },
    orgUnitId: { type: 'uuid' },
    orgPath: { type: 'string', columnType: 'ltree' },
    active: { type: 'boolean' },
    roles: { type: 'array', columnType: 'text[]' },
    supports: { type: 'array', columnType: 'uuid[]' },
  },
});

export const DirectoryOrgUnitSchema = new EntitySchema<DirectoryOrgUnit>({
  class: DirectoryOrgUnit,
  tableName: 'directory_org_unit',
  properties: { id: { type: 'uuid', primary: true }, path: { type: 'string', columnType: 'ltree' } },
});

export const DirectorySalesTeamSchema = new EntitySchema<DirectorySalesTeam>({
  class: DirectorySalesTeam,
  tableName: 'directory_sales_team',
  properties: { id: { type: 'uuid', primary: true }, leaderId: { type: 'uuid' } },
});

export const DirectoryTeamMemberSchema = new EntitySchema<DirectoryTeamMember>({
  class: DirectoryTeamMember,
  tableName: 'directory_team_member',
  properties: { teamId: { type: 'uuid', primary: true }, userId: { type: 'uuid', primary: true } },
});

export const DirectoryProductLineRepSchema = new EntitySchema<DirectoryProductLineRep>({
  class: DirectoryProductLineRep,
  tableName: 'directory_product_line_rep',
  properties: { teamId: { type: 'uuid', primary: true }, productLine: { type: 'text', primary: true }, userId: { type: 'uuid' } },
});

export const DirectoryLeaveSchema = new EntitySchema<DirectoryLeave>({
  class: DirectoryLeave,
  tableName: 'directory_leave',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    startsAt: { type: 'datetime' },
    endsAt: { type: 'datetime' },
  },
});

export const DirectoryTerritoryBindingSchema = new EntitySchema<DirectoryTerritoryBinding>({
  class: DirectoryTerritoryBinding,
  tableName: 'directory_territory_binding',
  properties: { divisionCode: { type: 'text', primary: true }, orgUnitId: { type: 'uuid' } },
});

export const DirectoryTerritoryAreaSchema = new EntitySchema<DirectoryTerritoryArea>({
  class: DirectoryTerritoryArea,
  tableName: 'directory_territory_area',
  properties: {
    id: { type: 'uuid', primary: true },
    orgUnitId: { type: 'uuid' },
    boundary: { type: 'json' },
    bbox: { type: 'text', columnType: 'box' },
    areaM2: { type: 'double' },
  },
});

export const directoryEntities = [
  DirectoryUserSchema,
  DirectoryOrgUnitSchema,
  DirectorySalesTeamSchema,
  DirectoryTeamMemberSchema,
  DirectoryProductLineRepSchema,
  DirectoryLeaveSchema,
  DirectoryTerritoryBindingSchema,
  DirectoryTerritoryAreaSchema,
];
