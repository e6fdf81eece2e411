import { DEMO_PASSWORD } from '@crm/demo-data';
import { ManualClock, createLogger, newId } from '@crm/platform';
import { errorCodes, graphql, type TestSubgraphs } from '@crm/testing';
import { identitySubgraph } from '../src';
import { RefreshToken, purgeExpiredSessionsJob } from '../src/modules/session';
import { person, startIdentity } from './support/identity';

/**
 * Sessions on the injectable clock: refresh tokens expire and are revoked by the clock's time, and
 * the nightly job purges those that expired or were revoked more than 30 days before its run.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const rep = person('rep1.east.shanghai.team1');
const DAY = 86_400_000;

let system: TestSubgraphs;
let url: string;

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { refreshToken } }';
const REFRESH = 'mutation ($token: String!) { refreshSession(refreshToken: $token) { refreshToken } }';

beforeAll(async () => {
  ({ system, url } = await startIdentity(clock));
}, 120_000);

afterAll(async () => system?.stop());

const daysFromNow = (days: number) => new Date(clock.now().getTime() + days * DAY);

async function signIn(): Promise<string> {
  const response = await graphql<{ login: { refreshToken: string } }>(url, LOGIN, { variables: { email: rep.email, password: DEMO_PASSWORD } });
  expect(response.errors).toBeUndefined();
  return response.data!.login.refreshToken;
}

const refresh = (token: string) => graphql<{ refreshSession: { refreshToken: string } }>(url, REFRESH, { variables: { token } });

async function tokensOfRep(): Promise<RefreshToken[]> {
  return system.running.identity!.systemScope().em.find(RefreshToken, { userId: rep.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

describe('refresh tokens', () => {
  beforeEach(async () => {
    await system.running.identity!.orm.em.fork().nativeDelete(RefreshToken, {});
    clock.set('2026-11-25T02:00:00Z');
  });

  it('last 30 days by the clock, not the wall clock', async () => {
    const first = await signIn();
    expect((await tokensOfRep())[0]).toMatchObject({ createdAt: clock.now(), expiresAt: daysFromNow(30) });

    clock.advance({ days: 29 });
    const second = await refresh(first);
    expect(second.errors).toBeUndefined();

    clock.advance({ days: 30, seconds: 1 });
    expect(errorCodes(await refresh(second.data!.refreshSession.refreshToken))).toEqual(['UNAUTHENTICATED']);
  });

  it("end every session of the person when one is reused, revoked at the clock's time", async () => {
    const first = await signIn();
    clock.advance({ hours: 1 });
    const second = (await refresh(first)).data!.refreshSession.refreshToken;
    clock.advance({ hours: 1 });
    expect(errorCodes(await refresh(first))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await refresh(second))).toEqual(['UNAUTHENTICATED']);
    expect((await tokensOfRep()).map((t) => t.revokedAt)).toEqual([daysFromNow(-1 / 24), clock.now()]);
  });
});

describe('the session.purge_expired job', () => {
  const progress: [number, number | undefined][] = [];
  const runPurge = async () => {
    progress.length = 0;
    await purgeExpiredSessionsJob.run({
      id: newId(),
      scope: system.running.identity!.systemScope(),
      payload: undefined,
      tick: null,
      progress: async (done, total) => void progress.push([done, total]),
      logger: createLogger('test', 'error'),
    });
  };

  async function insertTokens(tokens: { name: string; expiresAt: Date; revokedAt?: Date }[]): Promise<void> {
    const em = system.running.identity!.orm.em.fork();
    for (const token of tokens) {
      em.create(RefreshToken, { userId: rep.id, tokenHash: token.name, expiresAt: token.expiresAt, revokedAt: token.revokedAt ?? null, createdAt: daysFromNow(-60) });
    }
    await em.flush();
  }

  const remaining = async () =>
    (await system.running.identity!.orm.em.fork().find(RefreshToken, {}, { orderBy: { tokenHash: 'asc' } })).map((t) => t.tokenHash);

  beforeEach(async () => {
    await system.running.identity!.orm.em.fork().nativeDelete(RefreshToken, {});
    clock.set('2026-11-25T02:00:00Z');
  });

  it('is declared for the session module: 03:00 every day, startable by admins', () => {
    const session = identitySubgraph.modules.find((module) => module.name === 'session');
    expect(session?.jobs).toContain(purgeExpiredSessionsJob);
    expect(purgeExpiredSessionsJob).toMatchObject({ kind: 'session.purge_expired', schedule: '0 3 * * *', startableBy: ['ADMIN'] });
  });

  it('deletes only tokens expired or revoked more than 30 days before the run, as the clock moves', async () => {
    await insertTokens([
      { name: 'a-expired-31-days-ago', expiresAt: daysFromNow(-31) },
      { name: 'b-expired-29-days-ago', expiresAt: daysFromNow(-29) },
      { name: 'c-revoked-31-days-ago', expiresAt: daysFromNow(5), revokedAt: daysFromNow(-31) },
      { name: 'd-revoked-10-days-ago', expiresAt: daysFromNow(20), revokedAt: daysFromNow(-10) },
      { name: 'e-live', expiresAt: daysFromNow(30) },
    ]);

    await runPurge();
    expect(await remaining()).toEqual(['b-expired-29-days-ago', 'd-revoked-10-days-ago', 'e-live']);
    expect(progress).toEqual([
      [0, 2],
      [2, 2],
    ]);

    clock.advance({ days: 2 });
    await runPurge();
    expect(await remaining()).toEqual(['d-revoked-10-days-ago', 'e-live']);

    clock.advance({ days: 60 });
    await runPurge();
    expect(await remaining()).toEqual([]);
  });

  it('deletes in batches of 1,000 and reports its progress after each', async () => {
    await system.running.identity!.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into refresh_token (id, user_id, token_hash, expires_at, created_at)
         select gen_random_uuid(), ?, 'old-' || i, ?, ? from generate_series(1, 2500) as i`,
        [rep.id, daysFromNow(-40), daysFromNow(-70)],
      );
    await insertTokens([{ name: 'live', expiresAt: daysFromNow(1) }]);

    await runPurge();
    expect(progress).toEqual([
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    expect(await remaining()).toEqual(['live']);
  });
});
