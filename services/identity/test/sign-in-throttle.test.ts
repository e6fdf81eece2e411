import { DEMO_PASSWORD } from '@crm/demo-data';
import { ManualClock } from '@crm/platform';
import { errorCodes, graphql, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import argon2 from 'argon2';
import { login } from '../src/modules/session/session.service';
import { person, startIdentity } from './support/identity';

/**
 * Signing in can neither tell which e-mail addresses exist (an unknown one costs the same argon2
 * verify as a wrong password, and gets the same answer) nor be guessed at: after 5 failures in 15
 * minutes an account is refused with TOO_MANY_ATTEMPTS until the window passes. The counters live
 * in PostgreSQL, so every replica sees them, and run on the injectable clock.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const rep = person('rep1.east.shanghai.team1');
const otherRep = person('rep2.east.shanghai.team1');

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';

let system: TestSubgraphs;
let url: string;

beforeAll(async () => {
  ({ system, url } = await startIdentity(clock));
}, 120_000);

afterAll(async () => system?.stop());

beforeEach(async () => {
  await system.running.identity!.orm.em.getConnection().execute('delete from sign_in_throttle');
  clock.set('2026-11-25T02:00:00Z');
  jest.restoreAllMocks();
});

const signIn = (email: string, password: string) => graphql<{ login: { accessToken: string } }>(url, LOGIN, { variables: { email, password } });

const refusal = (response: GraphQLResponse<unknown>) => {
  const [error] = response.errors ?? [];
  return { code: error?.extensions?.code, reason: error?.extensions?.reason, message: error?.message };
};

/** `$argon2id$v=19$m=…,t=…,p=…`: the algorithm and cost of a hash, without its salt and digest. */
const parameters = (hash: string) => hash.split('$').slice(1, 4).join('$');

async function failTimes(email: string, times: number) {
  for (let i = 0; i < times; i += 1) {
    const response = await signIn(email, `wrong password ${i}`);
    expect(refusal(response)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
    clock.advance({ minutes: 1 });
  }
}

describe('an unknown e-mail', () => {
  it('gets the same answer as a wrong password, through the same argon2 verify with the same parameters', async () => {
    const verify = jest.spyOn(argon2, 'verify');

    const wrongPassword = await signIn(rep.email, 'not the password');
    expect(verify).toHaveBeenCalledTimes(1);
    const realHash = verify.mock.calls[0]![0];

    verify.mockClear();
    const unknown = await signIn('nobody.at.all@demo.crm', 'not the password');
    expect(verify).toHaveBeenCalledTimes(1);
    const dummyHash = verify.mock.calls[0]![0];

    expect(refusal(unknown)).toEqual(refusal(wrongPassword));
    expect(refusal(unknown)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
    expect(unknown.status).toBe(wrongPassword.status);
    expect(dummyHash).not.toBe(realHash);
    expect(parameters(dummyHash)).toBe(parameters(realHash));
    expect(parameters(dummyHash)).toMatch(/^argon2id\$/);

    // One dummy hash per process: a second unknown e-mail is checked against the same one.
    verify.mockClear();
    await signIn('nobody.else@demo.crm', 'not the password');
    expect(verify.mock.calls.map(([hash]) => hash)).toEqual([dummyHash]);
  });
});

describe('failed sign-ins of one account', () => {
  it('refuse the 6th attempt within 15 minutes with TOO_MANY_ATTEMPTS and when to retry, the right password too', async () => {
    await failTimes(rep.email, 5); // 02:00 … 02:04; locked from the 5th (02:04) until 02:19

    const sixth = await signIn(rep.email, 'yet another guess');
    expect(errorCodes(sixth)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect(sixth.status).toBe(429);
    expect(sixth.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: 14 * 60 });
    expect(sixth.errors![0]!.message).toBe('Too many failed sign-ins for this account; try again in 14 minutes.');

    const verify = jest.spyOn(argon2, 'verify');
    const rightPassword = await signIn(rep.email, DEMO_PASSWORD);
    expect(errorCodes(rightPassword)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect(verify).not.toHaveBeenCalled();

    // Other accounts are not affected.
    expect((await signIn(otherRep.email, DEMO_PASSWORD)).errors).toBeUndefined();

    clock.set('2026-11-25T02:18:30Z');
    const almost = await signIn(rep.email, DEMO_PASSWORD);
    expect(almost.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 30 });
    expect(almost.errors![0]!.message).toBe('Too many failed sign-ins for this account; try again in 1 minute.');

    clock.set('2026-11-25T02:19:00Z');
    const after = await signIn(rep.email, DEMO_PASSWORD);
    expect(after.errors).toBeUndefined();
    expect(after.data!.login.accessToken).toEqual(expect.any(String));
  });

  it('are counted afresh after a successful sign-in', async () => {
    await failTimes(rep.email, 4);
    expect((await signIn(rep.email, DEMO_PASSWORD)).errors).toBeUndefined();
    await failTimes(rep.email, 5);
    expect(errorCodes(await signIn(rep.email, DEMO_PASSWORD))).toEqual(['TOO_MANY_ATTEMPTS']);
  });

  it('are counted afresh once 15 minutes pass without reaching the limit', async () => {
    await failTimes(rep.email, 4);
    clock.advance({ minutes: 15 });
    await failTimes(rep.email, 4);
    expect((await signIn(rep.email, DEMO_PASSWORD)).errors).toBeUndefined();
  });

  it('lock an unknown e-mail the same way, so the lock tells nothing about which accounts exist', async () => {
    await failTimes('nobody.at.all@demo.crm', 5);
    const sixth = await signIn('Nobody.At.All@demo.crm ', 'another guess');
    expect(errorCodes(sixth)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect(sixth.errors![0]!.message).toBe('Too many failed sign-ins for this account; try again in 14 minutes.');
  });
});

describe('failed sign-ins from one client address', () => {
  // The resolvers do not see the client address yet (the subgraph context has no request), so the
  // service is called directly with one, as the resolver will once the context carries it.
  const signInFrom = async (address: string, email: string, password: string) => {
    try {
      await login(system.running.identity!.systemScope(), system.auth, { email, password }, address);
      return null;
    } catch (error) {
      return error as { message: string; extensions: Record<string, unknown> };
    }
  };

  it('refuse the 21st attempt within 15 minutes, whatever the account, until the window passes', async () => {
    for (let i = 0; i < 20; i += 1) {
      const refused = await signInFrom('203.0.113.7', `guess${i}@demo.crm`, 'a guess');
      expect(refused?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
    }
    clock.advance({ minutes: 5 });
    const refused = await signInFrom('203.0.113.7', rep.email, DEMO_PASSWORD);
    expect(refused?.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'ADDRESS_LOCKED', retryAfterSeconds: 10 * 60 });
    expect(refused?.message).toBe('Too many failed sign-ins from this address; try again in 10 minutes.');

    expect(await signInFrom('198.51.100.1', rep.email, DEMO_PASSWORD)).toBeNull();
    clock.advance({ minutes: 10 });
    expect(await signInFrom('203.0.113.7', rep.email, DEMO_PASSWORD)).toBeNull();
  }, 180_000); // 21 argon2 verifies
});
