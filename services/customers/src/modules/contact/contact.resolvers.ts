import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import type { Customer } from '../customer';
import { ContactNotFoundException } from './contact.exception';
import { addContact, removeContact, updateContact } from './contact.service';

/** A customer the actor may see, by id; one merged into another (CUS-3) is that one. */
const visibleSurvivor =
  ({ loaders }: Context) =>
  async (id: string): Promise<Customer | null> => {
    const customer = await loaders.customer.load(id);
    return customer?.mergedIntoId ? loaders.customer.load(customer.mergedIntoId) : customer;
  };

export const contactResolvers: Resolvers = {
  Mutation: {
    addContact: (_root, { input }, context) => addContact(context, visibleSurvivor(context), input),
    updateContact: (_root, { input }, context) => updateContact(context, visibleSurvivor(context), input),
    removeContact: (_root, { id }, context) => removeContact(context, visibleSurvivor(context), id),
  },
  Customer: {
    contacts: (customer, _args, { loaders }) => loaders.contacts.load(customer.id),
  },
  Contact: {
    // Contacts are only reached through a customer the actor sees, or a write that checked it.
    customer: async (contact, _args, context) => {
      const customer = await visibleSurvivor(context)(contact.customerId);
      if (!customer) throw new ContactNotFoundException(contact.id);
      return customer;
    },
  },
};
