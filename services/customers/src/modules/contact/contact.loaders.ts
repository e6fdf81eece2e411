import type { Actor } from '@crm/platform';
import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { visibleCustomers } from '../customer';
import { Contact } from './contact.entity';

/** Customer.contacts for a batch of customers in one statement: only customers the actor may see (ORG-2), primary first, then by name. */
export function createContactLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleCustomers(actor);
  return {
    contacts: new DataLoader<string, Contact[]>(async (customerIds) => {
      const rows = await em.getConnection().execute<EntityDictionary<Contact>[]>(
        `select c.* from contact c
          where c.customer_id in (select id from customer where id in (?) and (${visible.sql}))
          order by c.customer_id, c.is_primary desc, c.name, c.id`,
        [[...new Set(customerIds)], ...visible.params],
        'all',
        em.getTransactionContext(),
      );
      const byCustomer = new Map<string, Contact[]>(customerIds.map((id) => [id, []]));
      for (const row of rows) {
        const contact = em.map(Contact, row);
        byCustomer.get(contact.customerId)?.push(contact);
      }
      return customerIds.map((id) => byCustomer.get(id) ?? []);
    }),
  };
}

export type ContactLoaders = ReturnType<typeof createContactLoaders>;
