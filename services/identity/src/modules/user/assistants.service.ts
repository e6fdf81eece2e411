import { Events } from '@crm/events';
import { fields, parseInput, requireRole, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requirePersonInReach } from './person-reach';
import { recordUserEvent } from './user-events';
import type { User } from './user.entity';
import { NotAnAssistantException } from './user.exception';

const supportedRepsInput = z.object({
  assistantId: fields.id('assistantId'),
  repIds: z.array(fields.id('repIds')).max(50, 'must list at most 50 reps'),
});

/**
 * ORG-6: names the reps an assistant supports. The assistant then sees their records and may
 * enter data for them; the records keep both who entered them and whose they are.
 */
export async function setSupportedReps(em: EntityManager, actor: Actor, input: unknown): Promise<User> {
  requireRole(actor, 'ADMIN', 'MANAGER');
  const data = parseInput(supportedRepsInput, input);
  const { person: assistant, unit } = await requirePersonInReach(em, actor, data.assistantId, 'assistantId');
  if (!assistant.roles.includes('ASSISTANT')) throw new NotAnAssistantException();
  for (const repId of data.repIds) await requirePersonInReach(em, actor, repId, 'repIds');
  assistant.supports = [...new Set(data.repIds)];
  recordUserEvent(em, Events.UserUpdated, assistant, unit);
  await em.flush();
  return assistant;
}
