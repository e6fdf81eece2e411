import { defineJob } from '@crm/platform';
import { rescoreAll } from './rescore';
import { RULE_EDITORS } from './scoring.permissions';

/**
 * Rescores every lead and opportunity with the rules as they are now: after a rule changes, and
 * each night at 00:05 Shanghai time, so recency windows pass as days go by without any event.
 */
export const rescoreAllJob = defineJob({
  kind: 'scoring.rescore_all',
  schedule: '5 0 * * *',
  startableBy: RULE_EDITORS,
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  run: ({ scope }) => rescoreAll(scope.em, scope.clock.now()),
});
