import { Events, type EventConsumer } from '@crm/events';

/**
 * CUS-3: a survivor keeps its own custom field values and takes the merged customer's for fields
 * it has none of (those applying to its kind). Applying it twice changes nothing.
 */
export const customFieldMergeConsumer: EventConsumer = {
  name: 'custom-field-customer-merge',
  handlers: {
    [Events.CustomerMerged]: async (em, { survivorId, mergedId }) => {
      await em.getConnection().execute(
        `insert into customer_custom_value (customer_id, field_key, text_value, number_value, date_value, choices)
         select s.id, v.field_key, v.text_value, v.number_value, v.date_value, v.choices
           from customer_custom_value v
           join custom_field_definition d on d.key = v.field_key
           join customer s on s.id = ? and s.kind = any(d.applies_to)
          where v.customer_id = ?
         on conflict (customer_id, field_key) do nothing`,
        [survivorId, mergedId],
        'run',
        em.getTransactionContext(),
      );
    },
  },
};
