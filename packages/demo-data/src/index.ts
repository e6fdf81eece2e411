import { buildBusiness } from './business';
import { buildOrgTree } from './org-tree';
import { buildPeople } from './people';
import { seededRandom } from './random';

export { CUSTOMER_COUNT, type DemoComplaint, type DemoCustomer, type DemoLead } from './business';
export type { DemoOrgUnit, OrgUnitKind } from './org-tree';
export { DEMO_PASSWORD, type DemoRole, type DemoUser } from './people';

const SEED = 20261123;
const EPOCH = new Date('2025-01-01T00:00:00+08:00');

/** The whole demo data set; the same on every call and every machine. */
export function demoData() {
  const random = seededRandom(SEED);
  const orgUnits = buildOrgTree(random, EPOCH);
  const users = buildPeople(orgUnits, random, EPOCH);
  return { orgUnits, users, ...buildBusiness(orgUnits, users, random, EPOCH) };
}

export type DemoData = ReturnType<typeof demoData>;
