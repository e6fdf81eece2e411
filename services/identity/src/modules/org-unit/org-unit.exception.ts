import { DomainException, ErrorCodes } from '@crm/platform';

export class UnknownOrgUnitException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.BadUserInput, `orgUnitId: no org unit with id ${id}.`, { reason: 'UNKNOWN_ORG_UNIT', field: 'orgUnitId' });
  }
}
