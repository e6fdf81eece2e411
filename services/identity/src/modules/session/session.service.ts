import { parseInput, type AuthKeys } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireOrgUnit } from '../org-unit';
import { User, verifyPassword } from '../user';
import { WrongCredentialsException } from './session.exception';

const loginInput = z.object({
  email: z.string().max(254, 'must be at most 254 characters').transform((e) => e.trim().toLowerCase()),
  password: z.string().max(200, 'must be at most 200 characters'),
});

export async function login(em: EntityManager, auth: AuthKeys, input: unknown) {
  const { email, password } = parseInput(loginInput, input);
  const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
  if (!user?.active || !(await verifyPassword(user.passwordHash, password))) throw new WrongCredentialsException();
  const unit = await requireOrgUnit(em, user.orgUnitId);
  const { token, expiresAt } = await auth.issueAccessToken({
    userId: user.id,
    orgUnitId: unit.id,
    orgPath: unit.path,
    roles: user.roles,
  });
  return { accessToken: token, expiresAt, user };
}
