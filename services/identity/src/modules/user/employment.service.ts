import { fields, parseInput, requireRole, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requirePersonInReach } from './person-reach';
import { EMPLOYMENT_STATUSES, type User } from './user.entity';
import { EmploymentStatusException } from './user.exception';

const setEmploymentStatusInput = z.object({ userId: fields.id('userId'), status: z.enum(EMPLOYMENT_STATUSES) });

/** Probation ↔ regular. Leaving is not a status flip: it needs a successor, so it goes through deactivation. */
export async function setEmploymentStatus(em: EntityManager, actor: Actor, input: unknown): Promise<User> {
  requireRole(actor, 'ADMIN', 'MANAGER');
  const data = parseInput(setEmploymentStatusInput, input);
  if (data.status === 'LEFT') {
    throw new EmploymentStatusException('status: use deactivateUser for someone who leaves; it hands their work to a successor.', 'USE_DEACTIVATION');
  }
  const { person } = await requirePersonInReach(em, actor, data.userId, 'userId');
  if (person.employmentStatus === 'LEFT') throw new EmploymentStatusException(`userId: ${person.displayName} has left.`, 'PERSON_LEFT');
  person.employmentStatus = data.status;
  await em.flush();
  return person;
}
