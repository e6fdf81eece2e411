import { Events, type EventConsumer, type EventPayload } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { boundingBox, knownRoles, squareMetres } from '@crm/platform';
import {
  DirectoryLeave,
  DirectoryOrgUnit,
  DirectoryProductLineRep,
  DirectorySalesTeam,
  DirectoryTeamMember,
  DirectoryTerritoryArea,
  DirectoryTerritoryBinding,
  DirectoryUser,
} from './directory.entities';
import { rehomeSubtree } from './rehome-subtree';

const run = (em: EntityManager, sql: string, params: unknown[]) =>
  em.getConnection().execute(sql, params, 'run', em.getTransactionContext());

/**
 * Gives people the current path of their unit. Unit events and user events travel on different
 * topics, so either may arrive first: whichever comes second puts the path right.
 */
const syncPaths = (em: EntityManager, where: string, params: unknown[]) =>
  run(em, `update directory_user u set org_path = o.path from directory_org_unit o where o.id = u.org_unit_id and ${where}`, params);

async function upsertUser(em: EntityManager, user: EventPayload<typeof Events.UserCreated>): Promise<void> {
  await em.upsert(DirectoryUser, {
    id: user.userId,
    displayName: user.displayName,
    orgUnitId: user.orgUnitId,
    orgPath: user.orgPath,
    active: user.active,
    roles: knownRoles(user.roles),
    supports: user.supports,
  });
  await syncPaths(em, 'u.id = ?', [user.userId]);
}

async function addUnit(em: EntityManager, { orgUnitId, path }: EventPayload<typeof Events.OrgUnitCreated>): Promise<void> {
  await em.upsert(DirectoryOrgUnit, { id: orgUnitId, path });
  await syncPaths(em, 'o.id = ?', [orgUnitId]);
}

/** A moved unit takes its sub-units and everyone in them along. */
async function moveUnit(em: EntityManager, { fromPath, toPath }: EventPayload<typeof Events.OrgUnitMoved>): Promise<void> {
  await rehomeSubtree(em, 'directory_org_unit', 'path', fromPath, toPath);
  await syncPaths(em, 'o.path <@ ?::ltree', [toPath]);
}

async function replaceTeam(em: EntityManager, team: EventPayload<typeof Events.SalesTeamChanged>): Promise<void> {
  await em.upsert(DirectorySalesTeam, { id: team.teamId, leaderId: team.leaderId });
  await em.nativeDelete(DirectoryTeamMember, { teamId: team.teamId });
  if (team.memberIds.length) await em.insertMany(DirectoryTeamMember, team.memberIds.map((userId) => ({ teamId: team.teamId, userId })));
  await em.nativeDelete(DirectoryProductLineRep, { teamId: team.teamId });
  if (team.productLines.length) await em.insertMany(DirectoryProductLineRep, team.productLines.map((line) => ({ teamId: team.teamId, ...line })));
}

async function addLeave(em: EntityManager, leave: EventPayload<typeof Events.LeaveRecorded>): Promise<void> {
  await em.upsert(DirectoryLeave, { id: leave.leaveId, userId: leave.userId, startsAt: new Date(leave.from), endsAt: new Date(leave.to) });
}

async function addArea(em: EntityManager, { areaId, orgUnitId, boundary }: EventPayload<typeof Events.TerritoryAreaDrawn>): Promise<void> {
  await em.upsert(DirectoryTerritoryArea, { id: areaId, orgUnitId, boundary, bbox: boundingBox(boundary), areaM2: squareMetres(boundary) });
}

/**
 * Keeps a subgraph's replica of identity's people, units, sales teams, leave and territories, from
 * which it decides what each actor may see, who handles work and whose territory a location is,
 * without asking identity on every request.
 */
export const directoryConsumer: EventConsumer = {
  name: 'directory',
  handlers: {
    [Events.UserCreated]: upsertUser,
    [Events.UserUpdated]: upsertUser,
    [Events.OrgUnitCreated]: addUnit,
    [Events.OrgUnitMoved]: moveUnit,
    [Events.SalesTeamChanged]: replaceTeam,
    [Events.LeaveRecorded]: addLeave,
    [Events.TerritoryBound]: async (em, { divisionCode, orgUnitId }) => {
      await em.upsert(DirectoryTerritoryBinding, { divisionCode, orgUnitId });
    },
    [Events.TerritoryUnbound]: async (em, { divisionCode }) => {
      await em.nativeDelete(DirectoryTerritoryBinding, { divisionCode });
    },
    [Events.TerritoryAreaDrawn]: addArea,
    [Events.TerritoryAreaRemoved]: async (em, { areaId }) => {
      await em.nativeDelete(DirectoryTerritoryArea, { id: areaId });
    },
  },
};
