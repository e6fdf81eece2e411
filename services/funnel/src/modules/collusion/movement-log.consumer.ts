import { Events, type EventConsumer } from '@crm/events';
import { eventScope } from '@crm/platform';
import { CollusionMove } from '../../generated/graphql';
import { CollusionMovement } from './collusion.entity';
import { detectCollusion } from './collusion-detection';

/**
 * FUN-5 reads the pools' own events: each drop and claim is logged, and a claim is checked for
 * collusion. The inbox skips a redelivered event, and a movement is unique by its event id.
 */
export const collusionMovementConsumer: EventConsumer = {
  name: 'collusion-movements',
  handlers: {
    [Events.PoolRecordDropped]: async (em, drop, envelope) => {
      em.create(CollusionMovement, {
        eventId: envelope.id,
        kind: CollusionMove.Dropped,
        recordType: drop.recordType,
        recordId: drop.recordId,
        customerId: drop.customerId,
        personId: drop.formerOwnerId,
        dropReason: drop.reason,
        protectedUntil: new Date(drop.protectedUntil),
        occurredAt: new Date(drop.droppedAt),
      });
      await em.flush();
    },
    [Events.PoolRecordClaimed]: async (em, claimed, envelope) => {
      const claim = em.create(CollusionMovement, {
        eventId: envelope.id,
        kind: CollusionMove.Claimed,
        recordType: claimed.recordType,
        recordId: claimed.recordId,
        customerId: claimed.customerId,
        personId: claimed.ownerId,
        formerOwnerId: claimed.formerOwnerId,
        droppedAt: claimed.droppedAt ? new Date(claimed.droppedAt) : null,
        occurredAt: new Date(claimed.claimedAt),
      });
      await em.flush();
      await detectCollusion(eventScope('funnel', em, envelope), claim);
    },
  },
};
