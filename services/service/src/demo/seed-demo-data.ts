import { demoData } from '@crm/demo-data';
import { createScope, type Scope } from '@crm/platform';
import { Complaint, recordComplaintFiled } from '../modules/complaint';

/**
 * Seeds the demo complaints once; a second run finds them and does nothing. Each keeps the demo
 * data set's own creation time and handler: it is data, not "now".
 */
export async function seedDemoData(scope: Scope): Promise<void> {
  if (await scope.em.count(Complaint)) return;
  await scope.em.transactional(async (em) => {
    const tx = createScope({ ...scope, em });
    for (const complaint of demoData().complaints) recordComplaintFiled(tx, em.create(Complaint, complaint));
  });
}
