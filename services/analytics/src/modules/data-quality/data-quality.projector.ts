import { Events, type EventConsumer } from '@crm/events';

/**
 * Projects customers' daily measures of each rep's data quality (CUS-7) for appraisal (ANA-7). A
 * day's measure replaces whatever that rep's day held, so a redelivery changes nothing.
 */
export const dataQualityProjector: EventConsumer = {
  name: 'rep-data-quality',
  handlers: {
    [Events.RepDataQualityMeasured]: async (em, { userId, unitId, date, customers, completenessSum, interactions, onTime }) => {
      await em.getConnection().execute(
        `insert into rep_data_quality_day (user_id, day, unit_id, customers, completeness_sum, interactions, on_time)
         values (?, ?, ?, ?, ?, ?, ?)
         on conflict (user_id, day) do update
           set unit_id = excluded.unit_id, customers = excluded.customers, completeness_sum = excluded.completeness_sum,
               interactions = excluded.interactions, on_time = excluded.on_time`,
        [userId, date, unitId, customers, completenessSum, interactions, onTime],
        'run',
        em.getTransactionContext(),
      );
    },
  },
};
