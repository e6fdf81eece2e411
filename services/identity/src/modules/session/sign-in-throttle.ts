import type { Scope } from '@crm/platform';
import { TooManyAttemptsException } from './session.exception';

/**
 * Throttling of failed sign-ins, counted in PostgreSQL (table sign_in_throttle) so that every
 * replica sees the same attempts, on the scope's clock. A window opens at the first failure; the
 * failure that reaches the limit locks the subject for a full window from then. A successful
 * sign-in clears the account's count; an address's count only runs out.
 */
export const SIGN_IN_WINDOW_MINUTES = 15;
export const SIGN_IN_LIMITS = { ACCOUNT: 5, ADDRESS: 20 } as const;

type Subject = keyof typeof SIGN_IN_LIMITS;
/** What is counted: the e-mail as typed (normalised, known or not) and, when known, the client address. */
export interface SignInAttempt {
  email: string;
  clientAddress?: string | null;
}

const WINDOW_MS = SIGN_IN_WINDOW_MINUTES * 60_000;

const subjectsOf = (attempt: SignInAttempt): [Subject, string][] => [
  ['ACCOUNT', attempt.email],
  ...(attempt.clientAddress ? [['ADDRESS', attempt.clientAddress] as [Subject, string]] : []),
];

/** Refuses the attempt, before any password is checked, while its account or address is locked. */
export async function refuseWhileLocked(scope: Scope, attempt: SignInAttempt): Promise<void> {
  const now = scope.clock.now();
  const subjects = subjectsOf(attempt);
  const locks = (await scope.em.getConnection().execute(
    `select scope, locked_until from sign_in_throttle
      where (scope, key) in (${subjects.map(() => '(?, ?)').join(', ')}) and locked_until > ?
      order by locked_until desc`,
    [...subjects.flat(), now],
  )) as { scope: Subject; locked_until: Date | string }[];
  const [lock] = locks;
  if (!lock) return;
  const retryAfterSeconds = Math.ceil((new Date(lock.locked_until).getTime() - now.getTime()) / 1000);
  throw new TooManyAttemptsException(lock.scope, retryAfterSeconds);
}

/** Counts a failure against the account and the address, locking one that reaches its limit. */
export async function recordSignInFailure(scope: Scope, attempt: SignInAttempt): Promise<void> {
  const now = scope.clock.now();
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockedUntil = new Date(now.getTime() + WINDOW_MS);
  const connection = scope.em.getConnection();
  for (const [subject, key] of subjectsOf(attempt)) {
    const limit = SIGN_IN_LIMITS[subject];
    // One statement, so concurrent failures on several replicas all count.
    await connection.execute(
      `insert into sign_in_throttle as t (scope, key, failures, window_started_at, locked_until)
         values (?, ?, 1, ?, case when 1 >= ? then ?::timestamptz end)
       on conflict (scope, key) do update set
         failures = case when t.window_started_at <= ? then 1 else t.failures + 1 end,
         window_started_at = case when t.window_started_at <= ? then excluded.window_started_at else t.window_started_at end,
         locked_until = case when (case when t.window_started_at <= ? then 1 else t.failures + 1 end) >= ? then ?::timestamptz
                             when t.window_started_at <= ? then null else t.locked_until end`,
      [subject, key, now, limit, lockedUntil, windowStart, windowStart, windowStart, limit, lockedUntil, windowStart],
      'run',
    );
  }
}

/** A successful sign-in: the account starts counting afresh. */
export async function clearAccountFailures(scope: Scope, attempt: SignInAttempt): Promise<void> {
  await scope.em.getConnection().execute('delete from sign_in_throttle where scope = ? and key = ?', ['ACCOUNT', attempt.email], 'run');
}

/** Counters whose window (and any lock) ended before the cutoff: nothing depends on them any more. */
export async function purgeSignInCounters(scope: Scope, cutoff: Date): Promise<number> {
  const deleted = (await scope.em.getConnection().execute(
    'delete from sign_in_throttle where window_started_at < ? and (locked_until is null or locked_until < ?)',
    [cutoff, cutoff],
    'run',
  )) as { affectedRows: number };
  return deleted.affectedRows;
}
