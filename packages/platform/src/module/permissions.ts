import { ForbiddenException } from '../errors';
import type { Actor, Role } from '../auth';

export interface Permissions<P extends string> {
  /** Whether the actor holds a role that grants the permission. */
  can(actor: Actor, permission: P): boolean;
  /** Refuses with FORBIDDEN, naming the roles that would do. */
  require(actor: Actor, permission: P): void;
}

/**
 * A subgraph's operations and the roles that may perform them, in one typed table: a write asks
 * for `'customer.reassign'`, never for a list of role names, so a misspelt permission or role does
 * not compile and who may do what is readable in one place.
 */
export function definePermissions<const P extends string>(grants: Record<P, readonly Role[]>): Permissions<P> {
  const can = (actor: Actor, permission: P): boolean => grants[permission].some((role) => actor.roles.includes(role));
  return {
    can,
    require(actor, permission) {
      if (!can(actor, permission)) {
        throw new ForbiddenException(`This needs the ${grants[permission].join(' or ')} role; ask an administrator.`);
      }
    },
  };
}
