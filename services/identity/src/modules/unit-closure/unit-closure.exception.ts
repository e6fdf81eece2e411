import { DomainException, ErrorCodes } from '@crm/platform';
import type { UnitBlockers } from './unit-blockers';

const describe: Record<keyof UnitBlockers, string> = {
  openSubUnits: 'open sub-unit(s) sit under it',
  activePeople: 'active person(s) work in it',
  territories: 'territory binding(s) point to it',
  customers: 'customer(s) are owned there',
  leads: 'open lead(s) are owned there',
  complaints: 'open complaint(s) are handled there',
};

/** Says what still hangs on the unit, in words and, under `blockers`, as counts a client can show. */
export class OrgUnitInUseException extends DomainException {
  constructor(unitName: string, blockers: UnitBlockers) {
    const reasons = (Object.keys(describe) as (keyof UnitBlockers)[])
      .filter((key) => blockers[key] > 0)
      .map((key) => `${blockers[key]} ${describe[key]}`);
    super(ErrorCodes.Conflict, `${unitName} cannot close while ${reasons.join(', ')}; move or hand them over first.`, {
      reason: 'ORG_UNIT_IN_USE',
      blockers,
    });
  }
}
