import { AuthKeys } from '../src';

const actor = { userId: '0199a000-0000-7000-8000-000000000001', orgUnitId: '0199a000-0000-7000-8000-000000000002', orgPath: 'hq.east', roles: ['REP' as const] };

describe('access tokens', () => {
  it('carry the actor from identity to any service holding the public key', async () => {
    const pem = await AuthKeys.generatePem();
    const { token } = await (await AuthKeys.fromPem(pem)).issueAccessToken(actor);
    const verifier = await AuthKeys.fromPem({ publicKey: pem.publicKey });
    expect(await verifier.actorFromHeader(`Bearer ${token}`)).toEqual({ ...actor, supports: [] });
  });

  it('cannot be issued by a service that only holds the public key', async () => {
    const verifier = await AuthKeys.fromPem({ publicKey: (await AuthKeys.generatePem()).publicKey });
    await expect(verifier.issueAccessToken(actor)).rejects.toThrow(/only identity issues tokens/);
  });

  it.each([
    ['a tampered payload', async (own: AuthKeys) => {
      const { token } = await own.issueAccessToken(actor);
      return `Bearer ${token.replace(/\.[^.]+\./, `.${Buffer.from('{"sub":"x"}').toString('base64url')}.`)}`;
    }],
    ['a token signed with another key', async (_own: AuthKeys, other: AuthKeys) => `Bearer ${(await other.issueAccessToken(actor)).token}`],
    ['a header without "Bearer"', async (own: AuthKeys) => (await own.issueAccessToken(actor)).token],
  ])('refuse %s with UNAUTHENTICATED', async (_case, headerFor) => {
    const own = await AuthKeys.fromPem(await AuthKeys.generatePem());
    const other = await AuthKeys.fromPem(await AuthKeys.generatePem());
    await expect(own.actorFromHeader(await headerFor(own, other))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('treat a request without a header as anonymous, not as an error', async () => {
    const keys = await AuthKeys.fromPem(await AuthKeys.generatePem());
    expect(await keys.actorFromHeader(undefined)).toBeNull();
  });
});
