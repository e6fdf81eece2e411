import { demoData } from '@crm/demo-data';
import type { EntityManager } from '@mikro-orm/core';
import { Complaint, recordComplaintFiled } from '../modules/complaint';

/** Seeds the demo complaints once; a second run finds them and does nothing. */
export async function seedDemoData(em: EntityManager): Promise<void> {
  if (await em.count(Complaint)) return;
  await em.transactional(async (tx) => {
    for (const complaint of demoData().complaints) recordComplaintFiled(tx, tx.create(Complaint, complaint));
  });
}
