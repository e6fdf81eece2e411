import { Events } from '@crm/events';
import type { Scope } from '@crm/platform';
import type { OrgUnit } from '../org-unit';
import type { User } from './user.entity';

/** What other subgraphs learn about a person: enough to own records and to filter by the org tree. */
export function recordUserEvent(
  scope: Scope,
  type: typeof Events.UserCreated | typeof Events.UserUpdated,
  user: User,
  unit: OrgUnit,
): void {
  scope.recordEvent({
    type,
    key: user.id,
    payload: {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      orgUnitId: unit.id,
      orgPath: unit.path,
      roles: user.roles,
      active: user.active,
      supports: user.supports,
    },
  });
}
