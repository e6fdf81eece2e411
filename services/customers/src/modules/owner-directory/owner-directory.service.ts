import type { EntityManager } from '@mikro-orm/core';
import { DirectoryUser } from './directory-user.entity';
import { UnknownOwnerException } from './owner-directory.exception';

/** Refuses owners identity has not told us about, or has deactivated. */
export async function requireActiveOwner(em: EntityManager, ownerId: string): Promise<DirectoryUser> {
  const owner = await em.findOne(DirectoryUser, { id: ownerId });
  if (!owner?.active) throw new UnknownOwnerException(ownerId);
  return owner;
}
