/**
 * ORG-5: who handles a customer's work right now. The primary owner; if they are unavailable
 * (inactive or on leave), the secondary; then the leader of the primary's sales team; then the
 * nearest manager up the org tree. The lookups are `directoryHandlerLookups`, in every subgraph
 * including identity; a test may supply its own.
 */
export type HandlerRoute = 'PRIMARY' | 'SECONDARY' | 'TEAM_LEADER' | 'MANAGER';

export interface HandlerLookups {
  isAvailable(userId: string, at: Date): Promise<boolean>;
  teamLeaderOf(userId: string): Promise<string | null>;
  /** Managers of the person's unit, then of each enclosing unit, nearest first. */
  managersAbove(userId: string): Promise<string[]>;
}

export async function resolveHandler(
  lookups: HandlerLookups,
  owners: { primaryId: string; secondaryId?: string | null },
  at: Date,
): Promise<{ userId: string; route: HandlerRoute } | null> {
  const candidates: [string | null | undefined, HandlerRoute][] = [
    [owners.primaryId, 'PRIMARY'],
    [owners.secondaryId, 'SECONDARY'],
    [await lookups.teamLeaderOf(owners.primaryId), 'TEAM_LEADER'],
    ...(await lookups.managersAbove(owners.primaryId)).map((id): [string, HandlerRoute] => [id, 'MANAGER']),
  ];
  for (const [userId, route] of candidates) {
    if (userId && (await lookups.isAvailable(userId, at))) return { userId, route };
  }
  return null;
}
