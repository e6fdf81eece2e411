import { demoData } from '@crm/demo-data';
import { createScope, type Scope } from '@crm/platform';
import { Lead, recordLeadCreated } from '../modules/lead';

/**
 * Seeds the demo leads once; a second run finds them and does nothing. Each keeps the demo data
 * set's own creation time: it is data, not "now".
 */
export async function seedDemoData(scope: Scope): Promise<void> {
  if (await scope.em.count(Lead)) return;
  await scope.em.transactional(async (em) => {
    const tx = createScope({ ...scope, em });
    for (const lead of demoData().leads) recordLeadCreated(tx, em.create(Lead, { ...lead, createdById: lead.ownerId }));
  });
}
