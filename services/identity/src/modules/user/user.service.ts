import { Events } from '@crm/events';
import { fields, findPage, parseInput, requireActor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { fieldChanges } from '../../audit-changes';
import { EmploymentStatus, Role } from '../../generated/graphql';
import { requireOpenOrgUnit, requireOrgUnit } from '../org-unit';
import { hashPassword } from './password';
import { changePosition } from './position.service';
import { recordUserEvent } from './user-events';
import { User } from './user.entity';
import { EmailTakenException, UserNotFoundException } from './user.exception';
import { userPermissions } from './user.permissions';

const createUserInput = z.object({
  email: z.email('must be an e-mail address').max(254).transform((e) => e.toLowerCase()),
  displayName: fields.text(100),
  password: z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters'),
  orgUnitId: fields.id('orgUnitId'),
  roles: z.array(z.enum(Role)).min(1, 'must name at least one role'),
  // Leaving needs a successor, so nobody starts out as LEFT.
  employmentStatus: z.enum(EmploymentStatus).exclude(['Left']).default('REGULAR'),
});

const updateUserInput = z.object({
  id: fields.id('id'),
  displayName: fields.text(100).nullish(),
  orgUnitId: fields.id('orgUnitId').nullish(),
});

export async function createUser(scope: Scope, input: unknown): Promise<User> {
  const { em, clock } = scope;
  userPermissions.require(requireActor(scope.actor), 'user.create');
  const data = parseInput(createUserInput, input);
  const unit = await requireOpenOrgUnit(em, data.orgUnitId, 'orgUnitId');
  if (await em.count(User, { email: data.email })) throw new EmailTakenException(data.email);
  const user = em.create(User, {
    email: data.email,
    displayName: data.displayName,
    passwordHash: await hashPassword(data.password),
    orgUnitId: unit.id,
    roles: data.roles,
    employmentStatus: data.employmentStatus,
    createdAt: clock.now(),
  });
  await changePosition(em, user.id, unit.id, user.createdAt);
  recordUserEvent(scope, Events.UserCreated, user, unit);
  scope.audit({
    subjectType: 'User',
    subjectId: user.id,
    action: 'user.created',
    after: { email: user.email, displayName: user.displayName, orgUnitId: unit.id, roles: user.roles, employmentStatus: user.employmentStatus },
  });
  await em.flush();
  return user;
}

/** Renames a person and/or moves them to another unit; a move closes their position and opens a new one. */
export async function updateUser(scope: Scope, input: unknown): Promise<User> {
  const { em, clock } = scope;
  userPermissions.require(requireActor(scope.actor), 'user.update');
  const data = parseInput(updateUserInput, input);
  const user = await em.findOne(User, { id: data.id });
  if (!user) throw new UserNotFoundException(data.id);
  const unit = data.orgUnitId ? await requireOpenOrgUnit(em, data.orgUnitId, 'orgUnitId') : await requireOrgUnit(em, user.orgUnitId);
  const changes = fieldChanges(user, { orgUnitId: unit.id, displayName: data.displayName ?? undefined });
  await changePosition(em, user.id, unit.id, clock.now());
  user.orgUnitId = unit.id;
  if (data.displayName) user.displayName = data.displayName;
  recordUserEvent(scope, Events.UserUpdated, user, unit);
  if (changes) scope.audit({ subjectType: 'User', subjectId: user.id, action: 'user.updated', ...changes });
  await em.flush();
  return user;
}

export function listUsers(em: EntityManager, page: PageRequest): Promise<Connection<User>> {
  return findPage(em, User, page);
}
