import { Events, type EventConsumer } from '@crm/events';
import { Customer } from '../customer';
import { DuplicateReview } from './duplicate-review.entity';
import { queueLikelyDuplicates } from './duplicate-review.service';

/**
 * CUS-3: every new customer is compared with the others once it is saved, so creating stays one
 * indexed key lookup and a likely duplicate waits for a reviewer instead of blocking the rep.
 */
export const duplicateReviewConsumer: EventConsumer = {
  name: 'duplicate-review',
  handlers: {
    // Customers arrive in bulk (imports, the demo data): one transaction and one read per run of them.
    [Events.CustomerCreated]: {
      batch: async (em, events) => {
        const customers = await em.find(Customer, { id: { $in: events.map((event) => event.payload.customerId) } });
        await queueLikelyDuplicates(em, customers);
      },
    },
    // Every open review involving the merged customer is settled by the merge.
    [Events.CustomerMerged]: async (em, { mergedId }, envelope) => {
      await em.nativeUpdate(
        DuplicateReview,
        { status: 'OPEN', $or: [{ customerId: mergedId }, { candidateId: mergedId }] },
        { status: 'MERGED', decidedAt: new Date(envelope.time) },
      );
    },
  },
};
