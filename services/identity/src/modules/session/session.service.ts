import { createHash, randomBytes } from 'node:crypto';
import { parseInput, type AuthKeys } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireOrgUnit } from '../org-unit';
import { User, verifyPassword } from '../user';
import { RefreshToken } from './refresh-token.entity';
import { InvalidRefreshTokenException, WrongCredentialsException } from './session.exception';

const REFRESH_TOKEN_DAYS = 30;

const loginInput = z.object({
  email: z.string().max(254, 'must be at most 254 characters').transform((e) => e.trim().toLowerCase()),
  password: z.string().max(200, 'must be at most 200 characters'),
});
const refreshInput = z.object({ refreshToken: z.string().max(200, 'must be at most 200 characters') });

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new access token and a new single-use refresh token for an active person. */
async function openSession(em: EntityManager, auth: AuthKeys, user: User) {
  const unit = await requireOrgUnit(em, user.orgUnitId);
  const { token, expiresAt } = await auth.issueAccessToken({
    userId: user.id,
    orgUnitId: unit.id,
    orgPath: unit.path,
    roles: user.roles,
    supports: user.supports,
  });
  const refreshToken = randomBytes(32).toString('base64url');
  em.create(RefreshToken, {
    userId: user.id,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000),
  });
  await em.flush();
  return { accessToken: token, expiresAt, refreshToken, user };
}

export async function login(em: EntityManager, auth: AuthKeys, input: unknown) {
  const { email, password } = parseInput(loginInput, input);
  const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
  if (!user?.active || !(await verifyPassword(user.passwordHash, password))) throw new WrongCredentialsException();
  return openSession(em, auth, user);
}

/**
 * Trades a refresh token for a new session; each token works once. A token used twice was stolen
 * or leaked, so every session of that person ends.
 */
export async function refreshSession(em: EntityManager, auth: AuthKeys, input: unknown) {
  const { refreshToken } = parseInput(refreshInput, input);
  const stored = await em.findOne(RefreshToken, { tokenHash: hashToken(refreshToken) });
  if (!stored || stored.expiresAt < new Date()) throw new InvalidRefreshTokenException();
  if (stored.revokedAt) {
    await revokeSessions(em, stored.userId);
    throw new InvalidRefreshTokenException();
  }
  const user = await em.findOne(User, { id: stored.userId, active: true });
  if (!user) throw new InvalidRefreshTokenException();
  stored.revokedAt = new Date();
  return openSession(em, auth, user);
}

/** Ends every session of a person (deactivation, a reused refresh token). */
export async function revokeSessions(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { userId, revokedAt: null }, { revokedAt: new Date() });
}
