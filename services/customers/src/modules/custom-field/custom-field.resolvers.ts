import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { customersByCustomField, customFieldCounts, defineCustomField, listCustomFieldDefinitions, retireCustomField, setCustomFieldValues, updateCustomFieldDefinition } from './custom-field.service';
import { requireActor } from '@crm/platform';

const finder = (context: Context) => (id: string) => context.loaders.customer.load(id);

export const customFieldResolvers: Resolvers = {
  Query: {
    customFieldDefinitions: (_root, args, { em, actor }) => {
      requireActor(actor);
      return listCustomFieldDefinitions(em, args);
    },
    customersByCustomField: (_root, args, { em, actor }) => customersByCustomField(em, actor, args),
    customFieldCounts: (_root, args, { em, actor }) => customFieldCounts(em, actor, args),
  },
  Mutation: {
    defineCustomField: (_root, { input }, context) => defineCustomField(context, input),
    updateCustomFieldDefinition: (_root, { input }, context) => updateCustomFieldDefinition(context, input),
    retireCustomField: (_root, { key }, context) => retireCustomField(context, key),
    setCustomFieldValues: (_root, { input }, context) => setCustomFieldValues(context, finder(context), input),
  },
  Customer: {
    customFields: (customer, _args, { loaders }) => loaders.customFieldValues.load(customer.id),
    missingRequiredFields: async (customer, _args, { loaders }) => {
      const [definitions, values] = await Promise.all([loaders.activeCustomFieldDefinitions(), loaders.customFieldValues.load(customer.id)]);
      const filled = new Set(values.map((value) => value.definition.key));
      return definitions.filter((definition) => definition.required && definition.appliesTo.includes(customer.kind) && !filled.has(definition.key)).map((definition) => definition.key);
    },
  },
  CustomFieldDefinition: {
    retired: (definition) => definition.retiredAt !== null,
  },
};
