import { buildBusiness } from './business';
import { buildOrgTree } from './org-tree';
import { buildPeople } from './people';
import { territoryBindings } from './places';
import { seededRandom } from './random';
import { buildSalesTeams } from './sales-teams';

export { CUSTOMER_COUNT, type DemoComplaint, type DemoCustomer, type DemoLead } from './business';
export type { DemoCustomerGroup, DemoGroupMember } from './customer-groups';
export { demoCustomFields, type DemoContact, type DemoCustomValue } from './customer-records';
export { demoCities, uncoveredCity } from './places';
export type { DemoOrgUnit, OrgUnitKind } from './org-tree';
export { DEMO_PASSWORD, type DemoRole, type DemoUser } from './people';
export type { DemoSalesTeam } from './sales-teams';
export { seededRandom } from './random';

const SEED = 20261123;
const EPOCH = new Date('2025-01-01T00:00:00+08:00');

/** The whole demo data set; the same on every call and every machine. */
export function demoData() {
  const random = seededRandom(SEED);
  const orgUnits = buildOrgTree(random, EPOCH);
  const users = buildPeople(orgUnits, random, EPOCH);
  const business = buildBusiness(orgUnits, users, random, EPOCH);
  // Built last, so the teams' random draws leave every earlier id as it was.
  const salesTeams = buildSalesTeams(users, business.customers, random, EPOCH);
  return { orgUnits, users, territories: territoryBindings(orgUnits), ...business, salesTeams };
}

export type DemoData = ReturnType<typeof demoData>;
