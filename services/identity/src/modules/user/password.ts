import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  argon2.verify(hash, password).catch(() => false);

/** A hash of a random password made like every stored one, once per process: no password matches it. */
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a person's hash, or — for no person — against the dummy hash, so an
 * unknown e-mail costs the same one argon2 verify as a wrong password and cannot be told apart by
 * timing. False whenever there is no person.
 */
export async function verifyPasswordOrDummy(hash: string | null | undefined, password: string): Promise<boolean> {
  if (hash) return verifyPassword(hash, password);
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url')).catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  await verifyPassword(await dummyHash, password);
  return false;
}
