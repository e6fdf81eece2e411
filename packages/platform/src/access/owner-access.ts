import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../auth';
import { DomainException, ErrorCodes } from '../errors';
import { DirectoryUser } from './directory-user.entity';
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

/**
 * Whether a signed-in person is still active, as far as this subgraph's directory knows; someone
 * identity has not told it about yet counts as active.
 */
export async function isActiveInDirectory(em: EntityManager, userId: string): Promise<boolean> {
  const person = await em.findOne(DirectoryUser, { id: userId }, { fields: ['active'] });
  return person?.active ?? true;
}
