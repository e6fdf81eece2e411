import { Events } from '@crm/events';
import { fields, findPage, parseInput, requireRole, type Actor, type Connection, type PageRequest } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireOpenOrgUnit, requireOrgUnit } from '../org-unit';
import { hashPassword } from './password';
import { changePosition } from './position.service';
import { recordUserEvent } from './user-events';
import { EMPLOYMENT_STATUSES, User } from './user.entity';
import { EmailTakenException, UserNotFoundException } from './user.exception';

const roles = z.enum(['ADMIN', 'MANAGER', 'TEAM_LEAD', 'REP', 'ASSISTANT']);

const createUserInput = z.object({
  email: z.email('must be an e-mail address').max(254).transform((e) => e.toLowerCase()),
  displayName: fields.text(100),
  password: z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters'),
  orgUnitId: fields.id('orgUnitId'),
  roles: z.array(roles).min(1, 'must name at least one role'),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES).exclude(['LEFT']).default('REGULAR'),
});

const updateUserInput = z.object({
  id: fields.id('id'),
  displayName: fields.text(100).nullish(),
  orgUnitId: fields.id('orgUnitId').nullish(),
});

export async function createUser(em: EntityManager, actor: Actor, input: unknown): Promise<User> {
  requireRole(actor, 'ADMIN');
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
  });
  await changePosition(em, user.id, unit.id);
  recordUserEvent(em, Events.UserCreated, user, unit);
  await em.flush();
  return user;
}

export async function updateUser(em: EntityManager, actor: Actor, input: unknown): Promise<User> {
  requireRole(actor, 'ADMIN');
  const data = parseInput(updateUserInput, input);
  const user = await em.findOne(User, { id: data.id });
  if (!user) throw new UserNotFoundException(data.id);
  const unit = data.orgUnitId ? await requireOpenOrgUnit(em, data.orgUnitId, 'orgUnitId') : await requireOrgUnit(em, user.orgUnitId);
  await changePosition(em, user.id, unit.id);
  user.orgUnitId = unit.id;
  if (data.displayName) user.displayName = data.displayName;
  recordUserEvent(em, Events.UserUpdated, user, unit);
  await em.flush();
  return user;
}

export function listUsers(em: EntityManager, page: PageRequest): Promise<Connection<User>> {
  return findPage(em, User, page);
}
