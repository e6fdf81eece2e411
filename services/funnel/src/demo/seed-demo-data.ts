import { demoData } from '@crm/demo-data';
import { createScope, type Scope } from '@crm/platform';
import { LeadStatus } from '../generated/graphql';
import { Lead, recordLeadCreated } from '../modules/lead';
import { seedDemoCollusion } from './collusion-demo';
import { untilDirectoryHasDemoPeople } from './directory-ready';
import { isConverted, seedDemoOpportunities } from './opportunity-demo';
import { seedDemoOrders } from './order-demo';
import { seedDemoPools } from './pool-demo';
import { seedDemoProducts } from './product-demo';
import { seedDemoNewCustomerReviews } from './risk-demo';

/**
 * Seeds the demo funnel once; a second run finds the leads and does nothing. Each lead keeps the
 * demo data set's own creation time: it is data, not "now".
 */
export async function seedDemoData(scope: Scope, seededWith?: readonly string[]): Promise<void> {
  if (await scope.em.count(Lead)) return;
  await untilDirectoryHasDemoPeople(scope.em);
  await scope.em.transactional(async (em) => {
    const tx = createScope({ ...scope, em });
    const leads = demoData().leads.map((lead) => em.create(Lead, { ...lead, createdById: lead.ownerId }));
    showEveryCleaningOutcome(leads);
    for (const lead of leads) recordLeadCreated(tx, lead);
    const converted = leads.filter(isConverted);
    await seedDemoOpportunities(tx, converted);
    seedDemoNewCustomerReviews(tx, converted);
    await seedDemoPools(tx);
    await seedDemoCollusion(tx);
    await seedDemoProducts(tx);
    await seedDemoOrders(tx, seededWith);
  });
}

/** Cleaning's two filtered outcomes, so the demo has leads in every state. */
function showEveryCleaningOutcome(leads: Lead[]): void {
  const fresh = leads.filter((lead) => lead.status === LeadStatus.New);
  for (const lead of fresh.slice(0, 5)) lead.status = LeadStatus.MatchedCustomer;
  fresh.slice(5, 10).forEach((lead, i) => Object.assign(lead, { status: LeadStatus.Duplicate, duplicateOfId: fresh[10 + i]!.id }));
}
