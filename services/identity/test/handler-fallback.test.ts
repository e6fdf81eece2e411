import { resolveHandler, type HandlerLookups } from '../src/replica';

const at = new Date('2026-11-23T02:00:00Z');

/** An org where each person is available unless listed as away. */
function org(away: string[], teamLeader: string | null = 'leader', managers = ['city-manager', 'region-manager']): HandlerLookups {
  return {
    isAvailable: async (userId) => !away.includes(userId),
    teamLeaderOf: async () => teamLeader,
    managersAbove: async () => managers,
  };
}

describe('who handles the work now (ORG-5)', () => {
  it.each([
    ['the primary owner when available', [], { userId: 'primary', route: 'PRIMARY' }],
    ['the secondary when the primary is away', ['primary'], { userId: 'secondary', route: 'SECONDARY' }],
    ['the team leader when both owners are away', ['primary', 'secondary'], { userId: 'leader', route: 'TEAM_LEADER' }],
    ['the nearest manager when the leader is away too', ['primary', 'secondary', 'leader'], { userId: 'city-manager', route: 'MANAGER' }],
    ['the next manager up when the nearest is away', ['primary', 'secondary', 'leader', 'city-manager'], { userId: 'region-manager', route: 'MANAGER' }],
  ] as const)('is %s', async (_case, away, expected) => {
    expect(await resolveHandler(org([...away]), { primaryId: 'primary', secondaryId: 'secondary' }, at)).toEqual(expected);
  });

  it('skips a missing secondary and a missing team', async () => {
    expect(await resolveHandler(org(['primary'], null), { primaryId: 'primary' }, at)).toEqual({ userId: 'city-manager', route: 'MANAGER' });
  });

  it('finds nobody when everyone is away', async () => {
    expect(await resolveHandler(org(['primary', 'secondary', 'leader', 'city-manager', 'region-manager']), { primaryId: 'primary', secondaryId: 'secondary' }, at)).toBeNull();
  });
});
