import { Events } from '@crm/events';
import { fields, parseInput, requireActor, type Scope } from '@crm/platform';
import { z } from 'zod';
import { InteractionKind } from '../../generated/graphql';
import { CustomerNotFoundException, type Customer } from '../customer';
import { Interaction } from './timeline.entity';
import { InteractionInFutureException } from './timeline.exception';
import { stageTimelineEntries } from './timeline.projection';

const logInteractionInput = z.object({
  customerId: fields.id('customerId'),
  kind: z.enum(InteractionKind),
  occurredAt: z.date({ error: 'must be a date-time' }).nullish(),
  summary: fields.text(2000),
});

/**
 * CUS-6: logs a contact with a customer the actor may see. Anyone who sees a customer may log what
 * they did with it, so there is no permission beyond seeing it (ORG-2).
 *
 * The interaction, its event and its timeline entry commit in one transaction. The entry is made by
 * the same mapper as every other kind (`timelineMappers`), applied here to the event just recorded,
 * so the rep sees it at once; the timeline consumer also receives the event and, finding its source
 * event id, writes nothing (it is what rebuilds the entry on a replay).
 */
export async function logInteraction(scope: Scope, findVisible: (id: string) => Promise<Customer | null>, input: unknown): Promise<{ interaction: Interaction; customer: Customer }> {
  const actor = requireActor(scope.actor);
  const data = parseInput(logInteractionInput, input);
  const now = scope.clock.now();
  const occurredAt = data.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime()) throw new InteractionInFutureException(occurredAt, now);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  const interaction = scope.em.create(Interaction, {
    customerId: customer.id,
    kind: data.kind,
    occurredAt,
    summary: data.summary,
    loggedById: actor.userId,
    createdAt: now,
  });
  const envelope = scope.recordEvent({
    type: Events.CustomerInteractionLogged,
    key: customer.id,
    payload: { interactionId: interaction.id, customerId: customer.id, kind: interaction.kind, occurredAt: occurredAt.toISOString(), loggedById: actor.userId },
  });
  stageTimelineEntries(scope.em, envelope, interaction.summary);
  await scope.em.flush();
  return { interaction, customer };
}
