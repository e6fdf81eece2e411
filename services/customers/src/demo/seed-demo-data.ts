import { demoCustomFields, demoData, type DemoCustomerGroup } from '@crm/demo-data';
import { Events } from '@crm/events';
import { createScope, Money, type Scope } from '@crm/platform';
import { Contact } from '../modules/contact';
import { CustomFieldDefinition, CustomerCustomValue } from '../modules/custom-field';
import { Customer, matchTextOf, recordCustomerCreated, recordCustomerTeamChanged } from '../modules/customer';
import { CustomerCreditLimit, CustomerLink, CustomerOrderDefaults } from '../modules/customer-group';

/**
 * Seeds the demo customers once, with their contacts, custom field values and groups. Owners and
 * teams come from the same demo data set identity seeds, so the reach checks are skipped here; the
 * events still flow, so other subgraphs learn of them like of any other.
 */
export async function seedDemoData(scope: Scope): Promise<void> {
  if (await scope.em.count(Customer)) return;
  const data = demoData();
  const now = scope.clock.now();
  await scope.em.transactional(async (em) => {
    const tx = createScope({ ...scope, em });
    for (const field of demoCustomFields) em.create(CustomFieldDefinition, { ...field, appliesTo: [...field.appliesTo], options: [...field.options], createdAt: now });
    const customers = data.customers.map(({ contacts, customValues, ...fields }) => {
      const customer = em.create(Customer, { ...fields, ...matchTextOf(fields), createdById: fields.ownerId, createdAt: fields.createdAt });
      recordCustomerCreated(tx, customer);
      if (customer.salesTeamId) recordCustomerTeamChanged(tx, customer);
      return { customer, contacts, customValues };
    });
    // Ids are plain columns to the ORM, so it cannot order inserts by foreign key; customers go first.
    await em.flush();
    for (const { customer, contacts, customValues } of customers) {
      for (const contact of contacts) em.create(Contact, { ...contact, customerId: customer.id, createdById: customer.ownerId, createdAt: customer.createdAt, updatedAt: customer.createdAt });
      for (const value of customValues) em.create(CustomerCustomValue, { ...value, customerId: customer.id });
    }
    for (const group of data.customerGroups) seedGroup(tx, group);
  });
  // Fresh statistics before the consumers read thousands of new rows: with none, duplicate
  // detection's trigram lookups would be planned as scans of the whole table.
  await scope.em.getConnection().execute('analyze customer');
}

/** A group as setCustomerParent, setCustomerOrderDefaults and setCreditLimit leave it, announced the same way. */
function seedGroup(scope: Scope, group: DemoCustomerGroup): void {
  const { em } = scope;
  const ancestorsOf = new Map<string, string[]>();
  for (const member of group.members) {
    const ancestorIds = member.parentId ? [...ancestorsOf.get(member.parentId)!, member.parentId] : [];
    ancestorsOf.set(member.customerId, ancestorIds);
    em.create(CustomerLink, { customerId: member.customerId, parentId: member.parentId, ancestorIds, groupId: group.topId });
    if (member.parentId) {
      const payload = { customerId: member.customerId, parentId: member.parentId, ancestorIds, groupId: group.topId };
      scope.recordEvent({ type: Events.CustomerHierarchyChanged, key: member.customerId, payload });
    }
    if (member.billToId) {
      const defaults = { customerId: member.customerId, orderingPartyId: member.customerId, shipToId: member.customerId, billToId: member.billToId };
      em.create(CustomerOrderDefaults, defaults);
      scope.recordEvent({ type: Events.CustomerOrderDefaultsSet, key: member.customerId, payload: defaults });
    }
    setLimit(scope, member.customerId, 'CUSTOMER', member.creditLimit);
  }
  setLimit(scope, group.topId, 'GROUP', group.groupLimit);
}

function setLimit(scope: Scope, customerId: string, limitScope: 'CUSTOMER' | 'GROUP', amount: string): void {
  scope.em.create(CustomerCreditLimit, { customerId, scope: limitScope, amount: Money.of(amount) });
  scope.recordEvent({ type: Events.CustomerCreditLimitSet, key: customerId, payload: { customerId, scope: limitScope, limit: amount } });
}
