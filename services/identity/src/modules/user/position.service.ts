import type { EntityManager } from '@mikro-orm/core';
import { Position } from './position.entity';

/** Starts a person's position in a unit from `at` (the writer's clock), ending the one they held until then. */
export async function changePosition(em: EntityManager, userId: string, orgUnitId: string, at: Date): Promise<void> {
  const current = await em.findOne(Position, { userId, validTo: null });
  if (current?.orgUnitId === orgUnitId) return;
  if (current) current.validTo = at;
  em.create(Position, { userId, orgUnitId, validFrom: at });
}

/** The unit a person belonged to at an instant, or null before they joined. */
export async function orgUnitIdAt(em: EntityManager, userId: string, at: Date): Promise<string | null> {
  const position = await em.findOne(
    Position,
    { userId, validFrom: { $lte: at }, $or: [{ validTo: null }, { validTo: { $gt: at } }] },
    { orderBy: { validFrom: 'desc' } },
  );
  return position?.orgUnitId ?? null;
}
