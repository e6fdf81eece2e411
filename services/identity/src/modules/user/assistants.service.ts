import { Events } from '@crm/events';
import { fields, parseInput, requireActor, type Scope } from '@crm/platform';
import { z } from 'zod';
import { fieldChanges } from '../../audit-changes';
import { requirePersonInReach } from './person-reach';
import { recordUserEvent } from './user-events';
import type { User } from './user.entity';
import { NotAnAssistantException } from './user.exception';
import { userPermissions } from './user.permissions';

const supportedRepsInput = z.object({
  assistantId: fields.id('assistantId'),
  repIds: z.array(fields.id('repIds')).max(50, 'must list at most 50 reps'),
});

/**
 * ORG-6: names the reps an assistant supports. The assistant then sees their records and may
 * enter data for them; the records keep both who entered them and whose they are.
 */
export async function setSupportedReps(scope: Scope, input: unknown): Promise<User> {
  const { em } = scope;
  const actor = requireActor(scope.actor);
  userPermissions.require(actor, 'user.set_supported_reps');
  const data = parseInput(supportedRepsInput, input);
  const { person: assistant, unit } = await requirePersonInReach(em, actor, data.assistantId, 'assistantId');
  if (!assistant.roles.includes('ASSISTANT')) throw new NotAnAssistantException();
  for (const repId of data.repIds) await requirePersonInReach(em, actor, repId, 'repIds');
  const changes = fieldChanges(assistant, { supports: [...new Set(data.repIds)] });
  assistant.supports = [...new Set(data.repIds)];
  recordUserEvent(scope, Events.UserUpdated, assistant, unit);
  if (changes) scope.audit({ subjectType: 'User', subjectId: assistant.id, action: 'user.supported_reps_changed', ...changes });
  await em.flush();
  return assistant;
}
