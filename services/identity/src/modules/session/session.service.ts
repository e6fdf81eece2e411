import { createHash, randomBytes } from 'node:crypto';
import { parseInput, type AuthKeys, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireOrgUnit } from '../org-unit';
import { User, verifyPasswordOrDummy } from '../user';
import { RefreshToken } from './refresh-token.entity';
import { InvalidRefreshTokenException, WrongCredentialsException } from './session.exception';
import { clearAccountFailures, recordSignInFailure, refuseWhileLocked } from './sign-in-throttle';

const REFRESH_TOKEN_DAYS = 30;
const DAY_MS = 86_400_000;

const loginInput = z.object({
  email: z.string().max(254, 'must be at most 254 characters').transform((e) => e.trim().toLowerCase()),
  password: z.string().max(200, 'must be at most 200 characters'),
});
const refreshInput = z.object({ refreshToken: z.string().max(200, 'must be at most 200 characters') });

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new access token and a new single-use refresh token for an active person. */
async function openSession(scope: Scope, auth: AuthKeys, user: User) {
  const { em } = scope;
  const unit = await requireOrgUnit(em, user.orgUnitId);
  const { token, expiresAt } = await auth.issueAccessToken({
    userId: user.id,
    orgUnitId: unit.id,
    orgPath: unit.path,
    roles: user.roles,
    supports: user.supports,
  });
  const refreshToken = randomBytes(32).toString('base64url');
  const now = scope.clock.now();
  em.create(RefreshToken, {
    userId: user.id,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_DAYS * DAY_MS),
    createdAt: now,
  });
  await em.flush();
  return { accessToken: token, expiresAt, refreshToken, user };
}

/**
 * Signing in is not audited: it changes no record, and the access log has it. An unknown e-mail
 * costs the same argon2 verify as a wrong password and gets the same answer; failures are counted
 * per e-mail and per client address (when known), and a locked one is refused before any check.
 */
export async function login(scope: Scope, auth: AuthKeys, input: unknown, clientAddress: string | null = null) {
  const { email, password } = parseInput(loginInput, input);
  const attempt = { email, clientAddress };
  await refuseWhileLocked(scope, attempt);
  const user = await scope.em.findOne(User, { email }, { populate: ['passwordHash'] });
  const matches = await verifyPasswordOrDummy(user?.passwordHash, password);
  if (!user?.active || !matches) {
    await recordSignInFailure(scope, attempt);
    throw new WrongCredentialsException();
  }
  await clearAccountFailures(scope, attempt);
  return openSession(scope, auth, user);
}

/**
 * Trades a refresh token for a new session; each token works once. A token used twice was stolen
 * or leaked, so every session of that person ends.
 */
export async function refreshSession(scope: Scope, auth: AuthKeys, input: unknown) {
  const { em, clock } = scope;
  const { refreshToken } = parseInput(refreshInput, input);
  const stored = await em.findOne(RefreshToken, { tokenHash: hashToken(refreshToken) });
  const now = clock.now();
  if (!stored || stored.expiresAt < now) throw new InvalidRefreshTokenException();
  if (stored.revokedAt) {
    await revokeSessions(em, stored.userId, now);
    throw new InvalidRefreshTokenException();
  }
  const user = await em.findOne(User, { id: stored.userId, active: true });
  if (!user) throw new InvalidRefreshTokenException();
  stored.revokedAt = now;
  return openSession(scope, auth, user);
}

/** Ends every session of a person (deactivation, a reused refresh token) as of `at`. */
export async function revokeSessions(em: EntityManager, userId: string, at: Date): Promise<void> {
  await em.nativeUpdate(RefreshToken, { userId, revokedAt: null }, { revokedAt: at });
}
