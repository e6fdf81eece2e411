import { demoData } from '@crm/demo-data';
import type { EntityManager } from '@mikro-orm/core';
import { Lead, recordLeadCreated } from '../modules/lead';

/** Seeds the demo leads once; a second run finds them and does nothing. */
export async function seedDemoData(em: EntityManager): Promise<void> {
  if (await em.count(Lead)) return;
  await em.transactional(async (tx) => {
    for (const lead of demoData().leads) recordLeadCreated(tx, tx.create(Lead, { ...lead, createdById: lead.ownerId }));
  });
}
