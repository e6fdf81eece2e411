import { ForbiddenException, UnauthenticatedException } from '../errors';
import type { Role } from './roles';

/** Who is acting, as every resolver sees it. Comes from a verified access token only. */
export interface Actor {
  userId: string;
  orgUnitId: string;
  /** Materialised path of the actor's org unit, root first, e.g. `hq.east.shanghai.team1`. */
  orgPath: string;
  roles: readonly Role[];
  /** For an assistant: the reps they support and may act for (ORG-6). */
  supports?: readonly string[];
  /** The sales teams the person belongs to (leaders included): their shared customers are visible (ORG-4). */
  teamIds?: readonly string[];
}

/** Resolvers behind the sign-in plugin can rely on an actor; this narrows the type and guards misuse. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedException();
  return actor;
}

/** Operation permission: the actor must hold one of the roles. */
export function requireRole(actor: Actor, ...roles: readonly Role[]): void {
  if (!roles.some((role) => actor.roles.includes(role))) {
    throw new ForbiddenException(`This needs the ${roles.join(' or ')} role; ask an administrator.`);
  }
}
