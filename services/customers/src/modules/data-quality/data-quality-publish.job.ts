import { Events } from '@crm/events';
import { createScope, defineJob, shanghaiDate } from '@crm/platform';
import { figuresOfPeople, parsePeriod } from './data-quality.figures';
import { rescoreDue } from './data-quality-rescore.job';

const DAY_MS = 86_400_000;

/** Tenths of a point as the exact decimal text events carry. */
const decimalOfTenths = (tenths: number): string => `${Math.floor(tenths / 10)}.${tenths % 10}`;

/**
 * CUS-7 for analytics' appraisal (ANA-7): at 10:05 Shanghai time, once yesterday's entries are due,
 * publishes one `rep.data_quality_measured` per person who owned scored customers or logged
 * interactions that happened yesterday. Scores are brought up to date first. The day is claimed in
 * the transaction that records its events, so a retried or repeated tick publishes it once.
 */
export const publishRepDataQualityJob = defineJob({
  kind: 'data_quality.publish_daily',
  schedule: '5 10 * * *',
  async run({ scope, tick, logger }) {
    // Never started by hand (no startableBy), so every run is a tick.
    const day = shanghaiDate(new Date(tick!.getTime() - DAY_MS));
    await rescoreDue(scope);
    const published = await scope.em.fork().transactional(async (tx) => {
      const claimed = (await tx
        .getConnection()
        .execute('insert into rep_data_quality_publication (day, published_at) values (?, ?) on conflict do nothing returning day', [day, scope.clock.now()], 'all', tx.getTransactionContext())) as unknown[];
      if (!claimed.length) return 0;
      const people = (await figuresOfPeople(tx, { sql: 'select id, org_unit_id from directory_user', params: [] }, parsePeriod({ from: day, to: day }))).filter(
        (person) => person.customers || person.interactions,
      );
      const txScope = createScope({ ...scope, em: tx });
      for (const person of people) {
        txScope.recordEvent({
          type: Events.RepDataQualityMeasured,
          key: person.userId,
          payload: {
            userId: person.userId,
            unitId: person.unitId,
            date: day,
            customers: person.customers,
            completenessSum: decimalOfTenths(person.completenessTenths),
            interactions: person.interactions,
            onTime: person.onTime,
          },
        });
      }
      return people.length;
    });
    logger.info({ day, published }, 'rep data quality published');
  },
});
