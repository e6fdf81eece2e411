import type { EntityManager } from '@mikro-orm/core';
import { DomainException, ErrorCodes, type Actor } from '@crm/platform';
import { DirectorySalesTeam, DirectoryUser } from './directory.entities';
import { canReach } from './visibility';

export class OwnerOutOfReachException extends DomainException {
  constructor(ownerId: string) {
    super(ErrorCodes.Forbidden, `ownerId: ${ownerId} is not in your part of the organisation; you can only hand records to people you manage.`, {
      reason: 'OWNER_OUT_OF_REACH',
      field: 'ownerId',
    });
  }
}

export class UnknownOwnerException extends DomainException {
  constructor(ownerId: string) {
    super(ErrorCodes.BadUserInput, `ownerId: ${ownerId} is not an active user; pick an active person as owner.`, {
      reason: 'UNKNOWN_OWNER',
      field: 'ownerId',
    });
  }
}

export class UnknownSalesTeamException extends DomainException {
  constructor(teamId: string) {
    super(ErrorCodes.BadUserInput, `salesTeamId: there is no sales team ${teamId}.`, { reason: 'UNKNOWN_SALES_TEAM', field: 'salesTeamId' });
  }
}

export class SalesTeamOutOfReachException extends DomainException {
  constructor(teamId: string) {
    super(ErrorCodes.Forbidden, `salesTeamId: the leader of team ${teamId} is not in your part of the organisation; pick a team you lead or manage.`, {
      reason: 'SALES_TEAM_OUT_OF_REACH',
      field: 'salesTeamId',
    });
  }
}

/**
 * The check before a record is given to an owner: the owner must be an active person the actor
 * may see (themselves, a rep they assist, or someone in their subtree).
 */
export async function requireOwnerInReach(em: EntityManager, actor: Actor, ownerId: string): Promise<DirectoryUser> {
  const owner = await em.findOne(DirectoryUser, { id: ownerId });
  if (!owner?.active) throw new UnknownOwnerException(ownerId);
  if (!canReach(actor, owner)) throw new OwnerOutOfReachException(ownerId);
  return owner;
}

/** The check before a record is shared with a sales team: the actor leads the team or manages its leader. */
export async function requireSalesTeamInReach(em: EntityManager, actor: Actor, teamId: string): Promise<DirectorySalesTeam> {
  const team = await em.findOne(DirectorySalesTeam, { id: teamId });
  if (!team) throw new UnknownSalesTeamException(teamId);
  const leader = await em.findOne(DirectoryUser, { id: team.leaderId });
  if (!leader || !canReach(actor, leader)) throw new SalesTeamOutOfReachException(teamId);
  return team;
}
