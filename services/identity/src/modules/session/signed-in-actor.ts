import type { Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { readDirectoryActor } from '../../replica';

/**
 * The signed-in person as identity knows them now, whatever their token says: a move, a new team or
 * new reps to assist apply from the next request. Null for a deactivated (or deleted) person. Read
 * through the `directory_*` views, the same statement every other subgraph runs on its replica.
 */
export async function signedInActor(em: EntityManager, token: Actor): Promise<Actor | null> {
  return (await readDirectoryActor(em, token.userId)) ?? null;
}
