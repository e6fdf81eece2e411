import { fields, parseInput, requireActor, type Scope } from '@crm/platform';
import { z } from 'zod';
import { fieldChanges } from '../../audit-changes';
import { EmploymentStatus } from '../../generated/graphql';
import { requirePersonInReach } from './person-reach';
import type { User } from './user.entity';
import { EmploymentStatusException } from './user.exception';
import { userPermissions } from './user.permissions';

const setEmploymentStatusInput = z.object({ userId: fields.id('userId'), status: z.enum(EmploymentStatus) });

/** Probation ↔ regular. Leaving is not a status flip: it needs a successor, so it goes through deactivation. */
export async function setEmploymentStatus(scope: Scope, input: unknown): Promise<User> {
  const actor = requireActor(scope.actor);
  userPermissions.require(actor, 'user.set_employment_status');
  const data = parseInput(setEmploymentStatusInput, input);
  if (data.status === 'LEFT') {
    throw new EmploymentStatusException('status: use deactivateUser for someone who leaves; it hands their work to a successor.', 'USE_DEACTIVATION');
  }
  const { person } = await requirePersonInReach(scope.em, actor, data.userId, 'userId');
  if (person.employmentStatus === 'LEFT') throw new EmploymentStatusException(`userId: ${person.displayName} has left.`, 'PERSON_LEFT');
  const changes = fieldChanges(person, { employmentStatus: data.status });
  person.employmentStatus = data.status;
  if (changes) scope.audit({ subjectType: 'User', subjectId: person.id, action: 'user.employment_status_changed', ...changes });
  await scope.em.flush();
  return person;
}
